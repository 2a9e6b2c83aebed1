package org.sundaydigest.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How fast one engine claims: when a relay asks it to slow down (421, 450, 451, 454) it pauses for a while and halves
 * its batches, which then grow back, doubling with each claim, once the pause is over.
 */
final class Pace {

    private final int batchSize;
    private final Duration pause;
    private final AtomicInteger batchLimit;
    private volatile Instant pausedUntil = Instant.EPOCH;

    Pace(int batchSize, Duration pause) {
        this.batchSize = batchSize;
        this.pause = pause;
        this.batchLimit = new AtomicInteger(batchSize);
    }

    /** The end of the current pause; in the past when there is none. */
    Instant pausedUntil() {
        return pausedUntil;
    }

    boolean paused(Instant now) {
        return now.isBefore(pausedUntil);
    }

    /** How many recipients to claim next. */
    int batch() {
        return batchLimit.get();
    }

    /** A claim after the pause doubles the batch again, up to its full size. */
    void claimed(Instant now) {
        if (now.isAfter(pausedUntil)) {
            batchLimit.updateAndGet(limit -> Math.min(batchSize, limit * 2));
        }
    }

    /** Pauses from now on; returns the end of the pause if this call lengthened it, else null. */
    Instant slowDown(Instant now) {
        Instant until = now.plus(pause);
        if (!until.isAfter(pausedUntil)) {
            return null;
        }
        pausedUntil = until;
        batchLimit.updateAndGet(limit -> Math.max(1, limit / 2));
        return until;
    }

    /** The wait after the given number of attempts: the first delay, doubled for each further attempt, capped. */
    static Duration backoff(int attempts, Duration first, Duration max) {
        Duration delay = first;
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
