package org.sundaydigest.delivery;

/** The settled outcomes of one send that a transaction adds to its kept counters. */
record Tally(long sent, long failed, long skipped) {

    static final Tally NONE = new Tally(0, 0, 0);

    /** This tally with {@code count} more outcomes of this state; states that are not settled leave it as it is. */
    Tally plus(DeliveryStatus status, long count) {
        return switch (status) {
        case SENT -> new Tally(sent + count, failed, skipped);
        case FAILED -> new Tally(sent, failed + count, skipped);
        case SKIPPED -> new Tally(sent, failed, skipped + count);
        default -> this;
        };
    }

    boolean isEmpty() {
        return sent == 0 && failed == 0 && skipped == 0;
    }
}
