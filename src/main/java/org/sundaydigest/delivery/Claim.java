package org.sundaydigest.delivery;

import java.time.Instant;
import java.util.Set;

import org.sundaydigest.subscriber.SubscriberStatus;

/** A recipient an instance holds under lease: the delivery and what its message needs of the reader. */
record Claim(long deliveryId, long issueId, long subscriberId, int attempts, String email, String unsubscribeToken,
        SubscriberStatus readerStatus, Set<String> sections, Instant leaseUntil) {
}
