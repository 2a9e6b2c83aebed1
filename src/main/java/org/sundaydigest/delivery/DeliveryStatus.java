package org.sundaydigest.delivery;

import java.util.EnumSet;
import java.util.Set;

/** Where one reader's copy of an issue stands. */
public enum DeliveryStatus {
    /** Not tried yet. */
    PENDING,
    /** Claimed by an instance, under a lease, and possibly on its way to the relay. */
    SENDING,
    /** Accepted by the relay. */
    SENT,
    /** A temporary failure (4xx reply, no connection); tried again after a growing delay. */
    DEFERRED,
    /** Refused for good (5xx reply, or too many temporary failures). */
    FAILED,
    /** Not sent because the reader left, or their address bounced, after the issue started sending. */
    SKIPPED;

    /** The states in which the send of the issue still has work for the recipient. */
    static final Set<DeliveryStatus> OPEN = EnumSet.of(PENDING, SENDING, DEFERRED);
}
