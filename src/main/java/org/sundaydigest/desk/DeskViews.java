package org.sundaydigest.desk;

import java.time.LocalDate;
import java.util.List;

import org.sundaydigest.common.Roles;
import org.sundaydigest.editor.EditorSession;
import org.sundaydigest.issue.Check;
import org.sundaydigest.issue.IssueStatus;
import org.sundaydigest.issue.Sending;
import org.sundaydigest.subscriber.SubscriberStatus;

/** What the desk's pages show, shaped for their templates. */
final class DeskViews {

    private DeskViews() {
    }

    /**
     * What every desk page shows around its content: who is signed in, the CSRF token, the current tab, and what the
     * account's role lets it do (the desk shows no form its role may not send).
     */
    public record Desk(String user, String csrf, String tab, boolean canEdit, boolean admin) {
    }

    static Desk desk(EditorSession session, String tab) {
        return new Desk(session.user(), session.csrfToken(), tab, session.hasRole(Roles.EDITOR),
                session.hasRole(Roles.ADMIN));
    }

    /** An article of the issue's window as the curation form shows it. */
    public record Row(long id, String title, String section, String url, boolean lead, boolean excluded,
            Integer position) {
    }

    /** A group of rows under a heading: the opening (lead and pinned), each section, the excluded. */
    public record Group(String name, List<Row> rows) {
    }

    public record IssuePage(LocalDate date, IssueStatus status, String scheduledAt, String window, String subject,
            String curatedSubject, String editorNote, List<Group> groups, boolean hasArticles, boolean autoLead,
            List<Check> checks, boolean ready, String text, Sending.Progress progress, String notice, String testTo,
            String testError, ApprovalView approval) {

        public boolean draft() {
            return status == IssueStatus.DRAFT;
        }

        IssuePage withTest(String notice, String testTo, String testError) {
            return new IssuePage(date, status, scheduledAt, window, subject, curatedSubject, editorNote, groups,
                    hasArticles, autoLead, checks, ready, text, progress, notice, testTo, testError, approval);
        }
    }

    /**
     * Where a draft stands with approval ({@code DIGEST_SEND_APPROVAL}): who asked to send it, who approved it, and
     * whose approval is missing for the schedule (null when none is).
     */
    public record ApprovalView(boolean required, String requestedBy, String approvedBy, String missing,
            java.util.Set<String> mayNotApprove) {

        /** Whether this account's approval would count. */
        public boolean mayApprove(String user) {
            return !mayNotApprove.contains(user);
        }
    }

    /** A send in progress; also the JSON its page polls. */
    public record ProgressView(LocalDate date, IssueStatus status, String subject, Sending.Progress progress,
            String eta, List<Sending.Failure> failures, String notice) {
    }

    public record StatusCount(String status, long count) {
    }

    /** A bounce or complaint on the readers page. */
    public record ReportRow(String day, String email, String kind, String source, String reason, LocalDate issue) {
    }

    public record ReaderRow(String email, SubscriberStatus status, String since) {
    }

    public record ArticleRow(long id, String title, String section, String url, String source, String publishedAt,
            boolean excluded) {
    }

    public record FeedRow(String url, String status, String lastFetched, String lastError, int entriesImported) {
    }
}
