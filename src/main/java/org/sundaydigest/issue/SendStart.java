package org.sundaydigest.issue;

import java.util.List;

/** What asking an issue to start sending did: started it, found it started already, or why it cannot start. */
public record SendStart(Result result, IssueStatus status, int recipients, List<String> reasons) {

    public enum Result {
        STARTED, ALREADY_STARTED, NOT_READY, AWAITING_APPROVAL, APPROVED
    }

    static SendStart started(int recipients) {
        return new SendStart(Result.STARTED, IssueStatus.SENDING, recipients, List.of());
    }

    static SendStart already(IssueStatus status) {
        return new SendStart(Result.ALREADY_STARTED, status, 0, List.of());
    }

    static SendStart notReady(List<String> reasons) {
        return new SendStart(Result.NOT_READY, IssueStatus.DRAFT, 0, List.copyOf(reasons));
    }

    /** Ready, but waiting for a second account's approval ({@code DIGEST_SEND_APPROVAL}); the reason says whose. */
    static SendStart awaitingApproval(String whoseApproval) {
        return new SendStart(Result.AWAITING_APPROVAL, IssueStatus.DRAFT, 0, List.of(whoseApproval));
    }

    /** Approved while nobody had asked to send it: it goes when an editor does, or at its time. */
    static SendStart awaitingSender() {
        return new SendStart(Result.APPROVED, IssueStatus.DRAFT, 0, List.of());
    }
}
