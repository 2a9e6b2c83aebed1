package org.sundaydigest.bounce;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The latest bounces and complaints, for the desk's readers page. */
@ApplicationScoped
public class RecentReports {

    /** One report: when it came, about whom, what it said, and the issue of the copy it was about (or null). */
    public record Row(Instant receivedAt, String email, String kind, String source, String reason, LocalDate issue) {
    }

    @Transactional
    public List<Row> latest(int max) {
        return BounceReport.recent(max).stream().map(r -> new Row(r.receivedAt(), r.email(),
                r.kind().name().toLowerCase(), r.source().name().toLowerCase(), r.reason(), r.issue())).toList();
    }
}
