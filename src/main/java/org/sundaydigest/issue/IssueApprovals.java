package org.sundaydigest.issue;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.Retry;
import org.sundaydigest.web.ProblemException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Approving an issue ({@code DIGEST_SEND_APPROVAL}): recorded on the issue and in the audit log; a send that an editor
 * asked for and that waited for it starts then.
 */
@ApplicationScoped
public class IssueApprovals {

    @Inject
    IssueService issues;

    @Inject
    Audit audit;

    @Inject
    DigestConfig config;

    @Inject
    Clock clock;

    @Inject
    IssueContents contents;

    /** Approves the draft of this date for this account; 409 when approval is off, the issue went, or it is theirs. */
    public IssueViews.Send approve(LocalDate date, String by) {
        if (!config.accounts().sendApproval()) {
            throw ProblemException.conflict("Sends need no approval here (DIGEST_SEND_APPROVAL is off).");
        }
        String requestedBy = Retry.onceOnConflict(() -> {
            Issue issue = Issue.lockForDate(date).orElseGet(() -> {
                Issue draft = Issue.draft(date, clock.instant());
                draft.persistAndFlush();
                return draft;
            });
            if (!issue.isDraft()) {
                throw ProblemException
                        .conflict("The issue of " + date + " is " + issue.status.name().toLowerCase() + " already.");
            }
            issue.approval().approve(by, contents.fingerprint(contents.compose(date, issue.curation())),
                    clock.instant());
            String asked = issue.approval().requestedBy;
            audit.record(AuditAction.ISSUE_APPROVE, "issue " + date,
                    asked == null ? "approved before any send was asked" : "approves the send asked by " + asked);
            return asked == null ? "" : asked;
        });
        SendStart start = requestedBy.isEmpty() ? SendStart.awaitingSender() : issues.start(date, requestedBy);
        return new IssueViews.Send(date, start, QuarkusTransaction.requiringNew().call(() -> issues.progressOf(date)));
    }
}
