package org.sundaydigest.issue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the issue service answers with: the issues as the API and the desk show them. */
public final class IssueViews {

    private IssueViews() {
    }

    /** An issue in a list. */
    public record Summary(LocalDate date, IssueStatus status, String subject, Instant sendingStartedAt, Instant sentAt,
            Sending.Progress delivery) {

        public boolean sent() {
            return status == IssueStatus.SENT;
        }

        public boolean started() {
            return status != IssueStatus.DRAFT;
        }
    }

    /** One issue, with its window, curation and counters. */
    public record Detail(LocalDate date, IssueStatus status, String subject, Instant windowStart, Instant windowEnd,
            int articles, String leadTitle, Curation curation, Instant sendingStartedAt, Instant sentAt,
            Sending.Progress delivery) {
    }

    /** The pre-send checks and whether none of the blocking ones fails. */
    public record Checks(boolean ready, List<Check> checks) {
    }

    /** What asking for a send did, and where the send stands. */
    public record Send(LocalDate date, SendStart start, Sending.Progress delivery) {
    }

    /** How many failed recipients are back in line, and where the send stands. */
    public record Retry(LocalDate date, int retried, Sending.Progress delivery) {
    }

    /** A send that is or was under way: its subject, counters and the recipients that failed. */
    public record Progress(LocalDate date, IssueStatus status, String subject, Sending.Progress delivery,
            List<Sending.Failure> failures) {
    }
}
