package org.sundaydigest.subscriber;

/** What following a confirmation link did. */
enum ConfirmOutcome {
    /** The reader was pending and is active now. */
    CONFIRMED,
    /** The reader was active already; nothing changed. */
    ALREADY_ACTIVE,
    /** The link ran out, or the reader is no longer pending. */
    EXPIRED,
    /** No reader has this link. */
    UNKNOWN
}
