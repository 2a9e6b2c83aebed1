package org.sundaydigest.delivery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The send rate shared by every instance: messages counted in the current second and hour, in one row that claims lock,
 * so the limit holds across instances and restarts. Fixed windows: at a window's edge up to twice the limit may go out
 * within one second (or hour), which relays tolerate.
 */
@Entity
@Table(name = "send_rate")
class SendRate extends PanacheEntityBase {

    private static final String NAME = "digest";

    @Id
    String name;

    @Column(name = "second_start", nullable = false)
    Instant secondStart;

    @Column(name = "second_count", nullable = false)
    int secondCount;

    @Column(name = "hour_start", nullable = false)
    Instant hourStart;

    @Column(name = "hour_count", nullable = false)
    int hourCount;

    /** The shared row, locked until the transaction ends. */
    static SendRate lock() {
        return findById(NAME, LockModeType.PESSIMISTIC_WRITE);
    }

    /** How many of {@code wanted} messages may go out now under the limits (0 means no limit). */
    int allowance(int wanted, Instant now, int perSecond, int perHour) {
        roll(now);
        int allowed = wanted;
        if (perSecond > 0) {
            allowed = Math.min(allowed, perSecond - secondCount);
        }
        if (perHour > 0) {
            allowed = Math.min(allowed, perHour - hourCount);
        }
        return Math.max(0, allowed);
    }

    void take(int messages) {
        secondCount += messages;
        hourCount += messages;
    }

    /** When the limit that is reached opens again. */
    Instant reopensAt(int perHour) {
        return perHour > 0 && hourCount >= perHour ? hourStart.plus(1, ChronoUnit.HOURS) : secondStart.plusSeconds(1);
    }

    private void roll(Instant now) {
        Instant second = now.truncatedTo(ChronoUnit.SECONDS);
        if (!second.equals(secondStart)) {
            secondStart = second;
            secondCount = 0;
        }
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        if (!hour.equals(hourStart)) {
            hourStart = hour;
            hourCount = 0;
        }
    }
}
