package org.sundaydigest.desk;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.issue.IssueCalendar;
import org.sundaydigest.subscriber.ConsentEvent;

/** Sign-ups, confirmations and unsubscribes per week, counted from the consent record, laid out for an SVG chart. */
@ApplicationScoped
class ReaderChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;
    private static final int LEFT = 36;
    private static final String[] COLOURS = { "#1f5f9e", "#2e7d32", "#a0461e" };
    private static final String[] KINDS = { "sign-ups", "confirmations", "unsubscribes" };

    /** One week, starting on a Monday, with its three counts. */
    public record Week(LocalDate monday, long signups, long confirmations, long unsubscribes) {
    }

    /** A bar of the drawing, its numbers ready to print. */
    public record Bar(String kind, String x, String y, String width, String height, String colour, String title) {
    }

    /** A week's label under its bars. */
    public record Label(String x, String text) {
    }

    /** The weeks, oldest first, and what the page draws of them as inline SVG. */
    public record Chart(List<Week> weeks, long max, List<Bar> bars, List<Label> labels) {
    }

    @Inject
    IssueCalendar calendar;

    @Inject
    Clock clock;

    /** The last {@code count} weeks, this one included; must run in a transaction. */
    public Chart lastWeeks(int count) {
        LocalDate thisMonday = LocalDate.ofInstant(clock.instant(), calendar.zone())
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = thisMonday.minusWeeks(count - 1L);
        Instant from = first.atStartOfDay(calendar.zone()).toInstant();
        List<Map<ConsentEvent.Type, Long>> perWeek = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            perWeek.add(new EnumMap<>(ConsentEvent.Type.class));
        }
        ConsentEvent.getEntityManager()
                .createQuery("select e.type, e.occurredAt from ConsentEvent e where e.occurredAt >= :from",
                        Object[].class)
                .setParameter("from", from).getResultStream().forEach(row -> {
                    LocalDate day = LocalDate.ofInstant((Instant) row[1], calendar.zone());
                    int week = (int) (java.time.temporal.ChronoUnit.WEEKS.between(first, day));
                    if (week >= 0 && week < count) {
                        perWeek.get(week).merge((ConsentEvent.Type) row[0], 1L, Long::sum);
                    }
                });
        List<Week> weeks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<ConsentEvent.Type, Long> counts = perWeek.get(i);
            weeks.add(new Week(first.plusWeeks(i), counts.getOrDefault(ConsentEvent.Type.SIGNUP, 0L),
                    counts.getOrDefault(ConsentEvent.Type.CONFIRM, 0L),
                    counts.getOrDefault(ConsentEvent.Type.UNSUBSCRIBE, 0L)));
        }
        return draw(weeks);
    }

    /** Grouped bars, three per week; the numbers are also in the table the page shows under the chart. */
    static Chart draw(List<Week> weeks) {
        long max = Math.max(1, weeks.stream()
                .mapToLong(w -> Math.max(w.signups(), Math.max(w.confirmations(), w.unsubscribes()))).max().orElse(1));
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = (WIDTH - LEFT) / (double) weeks.size();
        double bar = Math.max(2, (slot - 6) / 3);
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            Week week = weeks.get(i);
            long[] values = { week.signups(), week.confirmations(), week.unsubscribes() };
            double x = LEFT + i * slot + 3;
            for (int k = 0; k < 3; k++) {
                double h = values[k] * plotHeight / max;
                bars.add(new Bar(KINDS[k], number(x + k * bar), number(HEIGHT - BOTTOM - h), number(bar), number(h),
                        COLOURS[k], KINDS[k] + ", week of " + week.monday() + ": " + values[k]));
            }
            if (i % 2 == 0) {
                labels.add(new Label(number(x + 1.5 * bar), week.monday().toString().substring(5)));
            }
        }
        return new Chart(weeks, max, bars, labels);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
