package org.sundaydigest.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IssueCalendarTest {

    private static final String DEFAULT_CRON = "0 0 8 ? * SUN";
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Duration WEEK = Duration.parse("P7D");

    private static final LocalDate SUNDAY = LocalDate.of(2026, 11, 29);

    private final IssueCalendar defaults = new IssueCalendar(DEFAULT_CRON, UTC, WEEK);

    @Test
    void aSundayIssueWithTheDefaultScheduleIsScheduledAtEightInTheMorningUtc() {
        IssueWindow window = defaults.windowFor(SUNDAY);

        assertThat(window.sendDate()).isEqualTo(SUNDAY);
        assertThat(window.end()).isEqualTo(Instant.parse("2026-11-29T08:00:00Z"));
    }

    @Test
    void theDefaultWindowStartsExactlySevenDaysBeforeTheSendTime() {
        IssueWindow window = defaults.windowFor(SUNDAY);

        assertThat(window.start()).isEqualTo(Instant.parse("2026-11-22T08:00:00Z"));
        assertThat(Duration.between(window.start(), window.end())).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aWindowIncludesItsStartAndExcludesItsEnd() {
        IssueWindow window = defaults.windowFor(SUNDAY);

        assertThat(window.covers(window.start())).isTrue();
        assertThat(window.covers(window.start().minusNanos(1))).isFalse();
        assertThat(window.covers(window.end().minusNanos(1))).isTrue();
        assertThat(window.covers(window.end())).isFalse();
        assertThat(window.covers(Instant.parse("2026-11-25T12:00:00Z"))).isTrue();
    }

    @Test
    void consecutiveIssuesMeetWithoutGapOrOverlap() {
        IssueWindow previous = defaults.windowFor(SUNDAY.minusWeeks(1));
        IssueWindow current = defaults.windowFor(SUNDAY);

        assertThat(previous.end()).isEqualTo(current.start());
    }

    @Test
    void aWindowOfWholeDaysMeetsThePreviousWindowExactlyAcrossTheSpringDaylightSavingChange() {
        IssueCalendar berlin = new IssueCalendar(DEFAULT_CRON, BERLIN, WEEK);
        LocalDate change = LocalDate.of(2026, 3, 29);

        IssueWindow before = berlin.windowFor(change.minusWeeks(1));
        IssueWindow across = berlin.windowFor(change);
        IssueWindow after = berlin.windowFor(change.plusWeeks(1));

        assertThat(before.end()).isEqualTo(across.start());
        assertThat(across.end()).isEqualTo(after.start());
        assertThat(across.start()).isEqualTo(Instant.parse("2026-03-22T07:00:00Z"));
        assertThat(across.end()).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        // the week in which the clocks go forward is an hour shorter
        assertThat(Duration.between(across.start(), across.end())).isEqualTo(Duration.ofHours(7 * 24 - 1));
        assertSentAtEightLocal(berlin, before, across, after);
    }

    @Test
    void aWindowOfWholeDaysMeetsThePreviousWindowExactlyAcrossTheAutumnDaylightSavingChange() {
        IssueCalendar berlin = new IssueCalendar(DEFAULT_CRON, BERLIN, WEEK);
        LocalDate change = LocalDate.of(2026, 10, 25);

        IssueWindow before = berlin.windowFor(change.minusWeeks(1));
        IssueWindow across = berlin.windowFor(change);
        IssueWindow after = berlin.windowFor(change.plusWeeks(1));

        assertThat(before.end()).isEqualTo(across.start());
        assertThat(across.end()).isEqualTo(after.start());
        assertThat(across.start()).isEqualTo(Instant.parse("2026-10-18T06:00:00Z"));
        assertThat(across.end()).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
        // the week in which the clocks go back is an hour longer
        assertThat(Duration.between(across.start(), across.end())).isEqualTo(Duration.ofHours(7 * 24 + 1));
        assertSentAtEightLocal(berlin, before, across, after);
    }

    @Test
    void aWindowOfWholeDaysMeetsThePreviousWindowWhenTheSendTimeFallsIntoTheSpringGap() {
        // 02:30 does not exist in Berlin on 29 March 2026: the clocks jump from 02:00 to 03:00
        IssueCalendar berlin = new IssueCalendar("0 30 2 ? * SUN", BERLIN, WEEK);
        LocalDate change = LocalDate.of(2026, 3, 29);

        IssueWindow before = berlin.windowFor(change.minusWeeks(1));
        IssueWindow across = berlin.windowFor(change);
        IssueWindow after = berlin.windowFor(change.plusWeeks(1));

        assertThat(across.start()).isEqualTo(before.end());
        assertThat(after.start()).isEqualTo(across.end());
    }

    @Test
    void aWindowOfWholeDaysMeetsTheNextWindowWhenTheSendTimeFallsIntoTheAutumnOverlap() {
        // 02:30 happens twice in Berlin on 25 October 2026: the clocks go back from 03:00 to 02:00
        IssueCalendar berlin = new IssueCalendar("0 30 2 ? * SUN", BERLIN, WEEK);
        LocalDate change = LocalDate.of(2026, 10, 25);

        IssueWindow before = berlin.windowFor(change.minusWeeks(1));
        IssueWindow across = berlin.windowFor(change);
        IssueWindow after = berlin.windowFor(change.plusWeeks(1));

        assertThat(across.start()).isEqualTo(before.end());
        assertThat(after.start()).isEqualTo(across.end());
    }

    private static void assertSentAtEightLocal(IssueCalendar calendar, IssueWindow... windows) {
        for (IssueWindow window : windows) {
            ZonedDateTime scheduled = window.end().atZone(calendar.zone());
            assertThat(scheduled.toLocalDate()).isEqualTo(window.sendDate());
            assertThat(scheduled.toLocalTime()).isEqualTo(LocalTime.of(8, 0));
            assertThat(window.start().atZone(calendar.zone()).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
        }
    }

    @Test
    void aCronAtAnotherTimeOfDaySetsTheSendTimeInItsOwnZone() {
        IssueCalendar newYork = new IssueCalendar("0 30 18 ? * FRI", NEW_YORK, WEEK);

        // US clocks go back on Sunday 1 November 2026, inside this window
        IssueWindow window = newYork.windowFor(LocalDate.of(2026, 11, 6));

        assertThat(newYork.zone()).isEqualTo(NEW_YORK);
        assertThat(window.end()).isEqualTo(Instant.parse("2026-11-06T23:30:00Z"));
        assertThat(window.start()).isEqualTo(Instant.parse("2026-10-30T22:30:00Z"));
        assertThat(window.end().atZone(NEW_YORK).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 11, 6, 18, 30));
        assertThat(window.start().atZone(NEW_YORK).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 10, 30, 18, 30));
    }

    @Test
    void aWindowThatIsNotWholeDaysIsCountedExactlyEvenAcrossADaylightSavingChange() {
        IssueCalendar berlin = new IssueCalendar(DEFAULT_CRON, BERLIN, Duration.parse("PT36H"));

        IssueWindow window = berlin.windowFor(LocalDate.of(2026, 3, 29));

        assertThat(window.end()).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        assertThat(window.start()).isEqualTo(Instant.parse("2026-03-27T18:00:00Z"));
        assertThat(Duration.between(window.start(), window.end())).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void onASaturdayTheUpcomingIssueIsTheNextDay() {
        assertThat(defaults.upcoming(Instant.parse("2026-11-28T12:00:00Z"))).isEqualTo(SUNDAY);
    }

    @Test
    void shortlyBeforeTheSendTimeTheUpcomingIssueIsTodays() {
        assertThat(defaults.upcoming(Instant.parse("2026-11-29T07:59:00Z"))).isEqualTo(SUNDAY);
        assertThat(defaults.upcoming(Instant.parse("2026-11-29T07:59:59.999999999Z"))).isEqualTo(SUNDAY);
    }

    @Test
    void exactlyAtTheSendTimeTheUpcomingIssueIsStillTodays() {
        assertThat(defaults.upcoming(Instant.parse("2026-11-29T08:00:00Z"))).isEqualTo(SUNDAY);
    }

    @Test
    void oneSecondAfterTheSendTimeTheUpcomingIssueIsNextWeeks() {
        assertThat(defaults.upcoming(Instant.parse("2026-11-29T08:00:01Z"))).isEqualTo(SUNDAY.plusWeeks(1));
    }

    @Test
    void aFractionOfASecondAfterTheSendTimeTheUpcomingIssueIsNextWeeks() {
        assertThat(defaults.upcoming(Instant.parse("2026-11-29T08:00:00.000000001Z"))).isEqualTo(SUNDAY.plusWeeks(1));
        assertThat(defaults.upcoming(Instant.parse("2026-11-29T08:00:00.500Z"))).isEqualTo(SUNDAY.plusWeeks(1));
    }

    @Test
    void theUpcomingIssueFollowsTheCronInItsZone() {
        IssueCalendar newYork = new IssueCalendar("0 30 18 ? * FRI", NEW_YORK, WEEK);

        // Friday 18:29 in New York is already Saturday in UTC
        assertThat(newYork.upcoming(Instant.parse("2026-11-06T23:29:00Z"))).isEqualTo(LocalDate.of(2026, 11, 6));
        assertThat(newYork.upcoming(Instant.parse("2026-11-06T23:31:00Z"))).isEqualTo(LocalDate.of(2026, 11, 13));
    }

    @ParameterizedTest
    @ValueSource(strings = { "every sunday at eight", "0 0 25 ? * SUN", "0 0 8 ? * FUNDAY", "" })
    void anInvalidCronIsRefusedNamingItsSetting(String cron) {
        assertThatThrownBy(() -> new IssueCalendar(cron, UTC, WEEK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DIGEST_SCHEDULE_CRON");
    }

    @ParameterizedTest
    @ValueSource(strings = { "PT0S", "-P7D", "-PT1S" })
    void aWindowThatIsNotPositiveIsRefused(String window) {
        assertThatThrownBy(() -> new IssueCalendar(DEFAULT_CRON, UTC, Duration.parse(window)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DIGEST_WINDOW");
    }

    @Test
    void aDateOnWhichTheCronDoesNotFireStillGetsTheCronsTimeOfDay() {
        LocalDate wednesday = LocalDate.of(2026, 11, 25);

        IssueWindow window = defaults.windowFor(wednesday);

        assertThat(window.sendDate()).isEqualTo(wednesday);
        assertThat(window.end()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(window.start()).isEqualTo(Instant.parse("2026-11-18T08:00:00Z"));
    }

    @Test
    void aDateOnWhichAnotherZonesCronDoesNotFireGetsThatCronsLocalTimeOfDay() {
        IssueCalendar newYork = new IssueCalendar("0 30 18 ? * FRI", NEW_YORK, WEEK);

        IssueWindow window = newYork.windowFor(LocalDate.of(2026, 11, 25));

        assertThat(window.end()).isEqualTo(Instant.parse("2026-11-25T23:30:00Z"));
    }

    @Test
    void aMidnightCronSendsAtTheVeryStartOfTheSendDate() {
        IssueCalendar midnight = new IssueCalendar("0 0 0 ? * SUN", UTC, WEEK);

        IssueWindow window = midnight.windowFor(SUNDAY);

        assertThat(window.end()).isEqualTo(Instant.parse("2026-11-29T00:00:00Z"));
        assertThat(window.start()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
    }

    @Test
    void aSendMissedWithinTheGraceIsOwedAfterwards() {
        Duration day = Duration.ofHours(24);
        assertThat(defaults.missedSend(Instant.parse("2026-11-29T08:00:00Z"), day)).contains(SUNDAY);
        assertThat(defaults.missedSend(Instant.parse("2026-11-29T19:30:00Z"), day)).contains(SUNDAY);
        assertThat(defaults.missedSend(Instant.parse("2026-11-30T08:00:00Z"), day)).contains(SUNDAY);
    }

    @Test
    void aSendMissedLongerAgoThanTheGraceIsNotOwed() {
        Duration day = Duration.ofHours(24);
        assertThat(defaults.missedSend(Instant.parse("2026-11-30T08:00:00.001Z"), day)).isEmpty();
        assertThat(defaults.missedSend(Instant.parse("2026-11-29T07:59:59Z"), day))
                .as("before this Sunday's send, last Sunday's is a week old").isEmpty();
        assertThat(defaults.missedSend(Instant.parse("2026-11-29T09:00:00Z"), Duration.ZERO)).isEmpty();
    }

    @Test
    void theMissedSendIsDatedInTheScheduleZone() {
        IssueCalendar auckland = new IssueCalendar("0 0 6 ? * SUN", ZoneId.of("Pacific/Auckland"), WEEK);
        // 06:00 on Sunday in Auckland is still Saturday in UTC.
        assertThat(auckland.missedSend(Instant.parse("2026-11-28T18:00:00Z"), Duration.ofHours(1))).contains(SUNDAY);
    }
}
