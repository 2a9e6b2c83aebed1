package org.sundaydigest.editor;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.issue.IssueCalendar;
import org.sundaydigest.subscriber.ConsentEvent;

/** Sign-ups, confirmations and unsubscribes per week, counted from the consent record and drawn as inline SVG. */
@ApplicationScoped
public class ReaderChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    private static final int TOP = 16;
    private static final int BOTTOM = 40;
    private static final int LEFT = 36;
    private static final String[] COLOURS = { "#1f5f9e", "#2e7d32", "#a0461e" };

    /** One week, starting on a Monday, with its three counts. */
    public record Week(LocalDate monday, long signups, long confirmations, long unsubscribes) {
    }

    /** The weeks, oldest first, and the SVG drawing of them. */
    public record Chart(List<Week> weeks, String svg) {
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
        return new Chart(weeks, svg(weeks));
    }

    /** Grouped bars, three per week; the numbers are also in the table the page shows under the chart. */
    static String svg(List<Week> weeks) {
        long max = Math.max(1, weeks.stream()
                .mapToLong(w -> Math.max(w.signups(), Math.max(w.confirmations(), w.unsubscribes()))).max().orElse(1));
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = (WIDTH - LEFT) / (double) weeks.size();
        double bar = Math.max(2, (slot - 6) / 3);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"100%\" role=\"img\" aria-labelledby=\"chart-title\" id=\"reader-chart\">")
                .append("<title id=\"chart-title\">Sign-ups, confirmations and unsubscribes per week</title>");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"")
                .append(WIDTH).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"currentColor\"/>");
        svg.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(TOP + 4)
                .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"currentColor\">").append(max).append("</text>");
        svg.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(HEIGHT - BOTTOM)
                .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"currentColor\">0</text>");
        for (int i = 0; i < weeks.size(); i++) {
            Week week = weeks.get(i);
            long[] values = { week.signups(), week.confirmations(), week.unsubscribes() };
            String[] names = { "sign-ups", "confirmations", "unsubscribes" };
            double x = LEFT + i * slot + 3;
            for (int k = 0; k < 3; k++) {
                double h = values[k] * plotHeight / max;
                svg.append(String.format(java.util.Locale.ROOT,
                        "<rect class=\"bar-%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                                + "<title>%s, week of %s: %d</title></rect>",
                        names[k], x + k * bar, HEIGHT - BOTTOM - h, bar, h, COLOURS[k], names[k], week.monday(),
                        values[k]));
            }
            if (i % 2 == 0) {
                svg.append(String.format(java.util.Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"currentColor\">%s</text>",
                        x + 1.5 * bar, HEIGHT - BOTTOM + 16, week.monday().toString().substring(5)));
            }
        }
        for (int k = 0; k < 3; k++) {
            String[] labels = { "Sign-ups", "Confirmations", "Unsubscribes" };
            int lx = LEFT + k * 150;
            svg.append("<rect x=\"").append(lx).append("\" y=\"").append(HEIGHT - 14)
                    .append("\" width=\"12\" height=\"12\" fill=\"").append(COLOURS[k]).append("\"/>");
            svg.append("<text x=\"").append(lx + 16).append("\" y=\"").append(HEIGHT - 4)
                    .append("\" font-size=\"12\" fill=\"currentColor\">").append(labels[k]).append("</text>");
        }
        return svg.append("</svg>").toString();
    }
}
