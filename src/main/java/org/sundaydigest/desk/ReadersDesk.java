package org.sundaydigest.desk;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.sundaydigest.bounce.RecentReports;
import org.sundaydigest.subscriber.Subscriber;
import org.sundaydigest.subscriber.SubscriberStatus;

/** The desk's "Readers" tab: how many readers are in each state, the last weeks' chart, and a search by address. */
@ApplicationScoped
@Transactional
class ReadersDesk {

    static final int MAX_SEARCH = 50;
    static final int WEEKS = 12;
    static final int RECENT_REPORTS = 20;

    /** The counts per state, the chart, and the readers whose address contains the query. */
    record Readers(List<DeskViews.StatusCount> counts, ReaderChart.Chart chart, String query,
            List<DeskViews.ReaderRow> found, List<DeskViews.ReportRow> reports) {
    }

    @Inject
    ReaderChart chart;

    @Inject
    DeskFormat format;

    @Inject
    RecentReports reports;

    Readers find(String query) {
        String q = query == null ? "" : query.strip();
        List<DeskViews.StatusCount> counts = Arrays.stream(SubscriberStatus.values())
                .map(status -> new DeskViews.StatusCount(status.name().toLowerCase(Locale.ROOT),
                        Subscriber.count("status", status)))
                .toList();
        List<DeskViews.ReaderRow> found = q.isEmpty() ? List.of()
                : Subscriber.<Subscriber> find("emailKey like ?1 order by emailKey", "%" + likeEscaped(q) + "%")
                        .page(0, MAX_SEARCH).list().stream()
                        .map(s -> new DeskViews.ReaderRow(s.email, s.status, format.day(s.createdAt))).toList();
        List<DeskViews.ReportRow> recent = reports.latest(RECENT_REPORTS).stream()
                .map(r -> new DeskViews.ReportRow(format.day(r.receivedAt()), r.email(), r.kind(), r.source(),
                        r.reason(), r.issue()))
                .toList();
        return new Readers(counts, chart.lastWeeks(WEEKS), q, found, recent);
    }

    private static String likeEscaped(String query) {
        return query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
