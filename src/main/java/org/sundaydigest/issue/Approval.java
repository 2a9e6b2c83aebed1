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

    /** Whose approval is missing for a send by this account (null: by the schedule); empty when there is none. */
    public Optional<String> missingFor(String sender) {
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

    void request(String by, Instant at) {
        requestedBy = by;
        requestedAt = at;
    }

    /** Approves the issue; the account that asked for the send cannot approve it. */
    void approve(String by, Instant at) {
        if (by.equals(requestedBy)) {
            throw ProblemException.conflict(
                    by + " asked for this send and cannot approve it too: another editor or" + " admin must.");
        }
        approvedBy = by;
        approvedAt = at;
    }

    void withdraw() {
        approvedBy = null;
        approvedAt = null;
    }
}
