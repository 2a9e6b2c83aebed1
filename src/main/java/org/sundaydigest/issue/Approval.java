package org.sundaydigest.issue;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.sundaydigest.web.ProblemException;

/**
 * A second pair of eyes on an issue ({@code DIGEST_SEND_APPROVAL}): who asked for it to be sent, and who approved it. A
 * send goes only with the approval of an account other than the one sending; the schedule needs any approval. A change
 * to the curation withdraws the approval.
 */
@Embeddable
public class Approval {

    @Column(name = "send_requested_by", length = 100)
    public String requestedBy;

    @Column(name = "send_requested_at")
    public Instant requestedAt;

    @Column(name = "approved_by", length = 100)
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    /** SHA-256 of the issue as composed when it was approved; any later change needs a new approval. */
    @Column(name = "approved_content_sha256", length = 64)
    String approvedContent;

    /** The account that changed the curation last, which cannot be the one that approves it. */
    @Column(name = "curated_by", length = 100)
    public String curatedBy;

    /**
     * Whose approval is missing for a send by this account (null: by the schedule) of the issue as composed now (its
     * SHA-256); empty when there is none.
     */
    public Optional<String> missingFor(String sender, String contentNow) {
        if (approvedBy != null && !approvedBy.equals(sender) && !contentNow.equals(approvedContent)) {
            return Optional.of("It changed after " + approvedBy + " approved it (an article, or the week's articles):"
                    + " an editor or admin must approve it again.");
        }
        if (approvedBy == null) {
            return Optional.of(sender == null
                    ? "It waits for the approval of an editor or admin: unapproved, the schedule does not send it."
                    : "It waits for the approval of an editor or admin other than " + sender + ".");
        }
        if (approvedBy.equals(sender)) {
            return Optional.of(sender + " approved it and asks to send it: another editor or admin must approve it.");
        }
        return Optional.empty();
    }

    /**
     * Whose approval a send by this account (null: the schedule) waits for, if any; an account's send that waits is
     * remembered as asked for, so that the approval starts it.
     */
    Optional<String> hold(String by, String contentNow, Instant at) {
        Optional<String> missing = missingFor(by, contentNow);
        if (missing.isPresent() && by != null) {
            requestedBy = by;
            requestedAt = at;
        }
        return missing;
    }

    /** The accounts whose approval would not count: the one that asked, the last curator, the approver already. */
    public java.util.Set<String> mayNotApprove() {
        return java.util.stream.Stream.of(requestedBy, curatedBy, approvedBy).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Approves the issue as composed now; neither the account that asked for the send nor its curator may. */
    void approve(String by, String content, Instant at) {
        if (by.equals(requestedBy)) {
            throw ProblemException
                    .conflict(by + " asked for this send and cannot approve it too: another editor or admin must.");
        }
        if (by.equals(curatedBy)) {
            throw ProblemException
                    .conflict(by + " curated this issue last and cannot approve it too: another editor or admin must.");
        }
        approvedBy = by;
        approvedContent = content;
        approvedAt = at;
    }

    /** A change of the curation, by this account, withdraws the approval. */
    void curatedBy(String by) {
        curatedBy = by;
        approvedBy = null;
        approvedContent = null;
        approvedAt = null;
    }
}
