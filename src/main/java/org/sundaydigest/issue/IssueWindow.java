package org.sundaydigest.issue;

import java.time.Instant;
import java.time.LocalDate;

/** An issue's send date, its scheduled send time, and the articles it covers: {@code start <= publishedAt < end}. */
public record IssueWindow(LocalDate sendDate, Instant end, Instant start) {

    public boolean covers(Instant publishedAt) {
        return !publishedAt.isBefore(start) && publishedAt.isBefore(end);
    }
}
