package org.sundaydigest.delivery;

/** The delivery protocol's steps as the engine uses them: claims, outcomes, and a send's beginning and end. */
record DeliveryStores(ClaimStore claims, OutcomeStore outcomes, EnrolmentStore enrolments) {
}
