package org.sundaydigest.subscriber;

/** What following a confirmation link did. */
enum ConfirmOutcome {
    /** The link is valid and its reader pending: nothing happens until they press Confirm. */
    AWAITING,
    /** The reader was pending and is active now. */
    CONFIRMED,
    /** The link was used: its reader is active already, and nothing changed. */
    ALREADY_ACTIVE,
    /** The link ran out, or the reader is no longer pending. */
    EXPIRED,
    /** No reader has this link. */
    UNKNOWN
}
