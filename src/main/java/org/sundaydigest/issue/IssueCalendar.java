package org.sundaydigest.issue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * When issues go out and what each covers: the send time of a date comes from the cron's time of day, and the window
 * ends there. A window of whole days is counted in calendar days of the zone, so that consecutive weekly windows meet
 * exactly, also across daylight-saving changes; any other duration is counted exactly.
 */
public final class IssueCalendar {

    private final ExecutionTime executions;
    private final ZoneId zone;
    private final Duration window;

    public IssueCalendar(String cron, ZoneId zone, Duration window) {
        CronParser parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
        try {
            this.executions = ExecutionTime.forCron(parser.parse(cron));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DIGEST_SCHEDULE_CRON is not a Quartz cron expression: " + cron, e);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("DIGEST_WINDOW must be a positive duration: " + window);
        }
        this.zone = zone;
        this.window = window;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The issue of a send date: its scheduled time and the half-open window of publication times it covers. */
    public IssueWindow windowFor(LocalDate sendDate) {
        ZonedDateTime scheduledAt = scheduledAt(sendDate);
        // A window of whole days starts where the issue that many days earlier was scheduled, resolved the same way,
        // so windows meet exactly even when a send time falls into a daylight-saving gap or overlap.
        ZonedDateTime start = isWholeDays(window) ? scheduledAt(sendDate.minusDays(window.toDays()))
                : scheduledAt.minus(window);
        return new IssueWindow(sendDate, scheduledAt.toInstant(), start.toInstant());
    }

    private ZonedDateTime scheduledAt(LocalDate sendDate) {
        return sendDate.atTime(sendTime(sendDate)).atZone(zone);
    }

    /** The date of the next scheduled send at or after the given instant: the issue editors prepare now. */
    public LocalDate upcoming(Instant now) {
        ZonedDateTime justBefore = now.atZone(zone).minusNanos(1);
        return executions.nextExecution(justBefore).map(ZonedDateTime::toLocalDate)
                .orElseThrow(() -> new IllegalStateException("the schedule never fires again"));
    }

    /**
     * The date of the latest scheduled send at or before {@code now}, if it was at most {@code grace} ago: the send a
     * service that was down at that time still owes.
     */
    public Optional<LocalDate> missedSend(Instant now, Duration grace) {
        ZonedDateTime at = now.atZone(zone);
        return executions.lastExecution(at.plusNanos(1))
                .filter(last -> !grace.isZero() && Duration.between(last, at).compareTo(grace) <= 0)
                .map(ZonedDateTime::toLocalDate);
    }

    /** The time of day of the send on that date: the cron's own if it fires that day, else its first time of day. */
    private LocalTime sendTime(LocalDate date) {
        ZonedDateTime dayStart = date.atStartOfDay(zone);
        return executions.nextExecution(dayStart.minusNanos(1)).filter(next -> next.toLocalDate().equals(date))
                .or(() -> executions.nextExecution(dayStart.minusNanos(1))).map(ZonedDateTime::toLocalTime)
                .orElseThrow(() -> new IllegalStateException("the schedule never fires"));
    }

    private static boolean isWholeDays(Duration duration) {
        return duration.toNanos() % Duration.ofDays(1).toNanos() == 0;
    }
}
