package org.sundaydigest.delivery;

import java.time.Instant;

/** What happened to one claimed recipient, to be recorded. */
record DeliveryResult(Claim claim, DeliveryStatus status, String reason, Instant nextAttempt, String messageId,
        boolean bounce) {

    static DeliveryResult sent(Claim claim, String messageId) {
        return new DeliveryResult(claim, DeliveryStatus.SENT, null, null, messageId, false);
    }

    static DeliveryResult deferred(Claim claim, String reason, Instant retryAt) {
        return new DeliveryResult(claim, DeliveryStatus.DEFERRED, reason, retryAt, null, false);
    }

    static DeliveryResult failed(Claim claim, String reason, boolean bounce) {
        return new DeliveryResult(claim, DeliveryStatus.FAILED, reason, null, null, bounce);
    }

    static DeliveryResult skipped(Claim claim, String reason) {
        return new DeliveryResult(claim, DeliveryStatus.SKIPPED, reason, null, null, false);
    }

    /** Handed back untried, to be claimed again from {@code retryAt}. */
    static DeliveryResult released(Claim claim, Instant retryAt) {
        return new DeliveryResult(claim, DeliveryStatus.PENDING, null, retryAt, null, false);
    }
}
