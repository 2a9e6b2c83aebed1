package org.sundaydigest.bounce;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The latest bounces and complaints, for the desk's readers page. */
@ApplicationScoped
public class RecentReports {

    private static final Map<Report.Kind, String> KINDS = Map.of(Report.Kind.PERMANENT, "bounce (permanent)",
            Report.Kind.TEMPORARY, "bounce (temporary)", Report.Kind.COMPLAINT, "complaint");

    /** One report: when it came, about whom, what it said, and the issue of the copy it was about (or null). */
    public record Row(Instant receivedAt, String email, String kind, String source, String reason, LocalDate issue) {
    }

    @Transactional
    public List<Row> latest(int max) {
        return BounceReport.recent(max).stream().map(r -> new Row(r.receivedAt(), r.email(), KINDS.get(r.kind()),
                r.source().name().toLowerCase(), r.reason(), r.issue())).toList();
    }
}
