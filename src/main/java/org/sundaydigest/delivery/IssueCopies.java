package org.sundaydigest.delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.issue.IssueContent;
import org.sundaydigest.issue.IssueContents;
import org.sundaydigest.issue.IssueMessages;
import org.sundaydigest.issue.IssueRenderer;

import io.quarkus.mailer.Mail;

/**
 * The messages of the issues being sent. Each issue's frozen content is read once, and rendered once per choice of
 * sections; a reader's message is then that copy with their address and link put in.
 */
@ApplicationScoped
class IssueCopies {

    @Inject
    IssueContents contents;

    @Inject
    IssueRenderer renderer;

    @Inject
    IssueMessages messages;

    private final Map<Long, IssueCopy> byIssue = new ConcurrentHashMap<>();

    IssueCopy of(long issueId) {
        return byIssue.computeIfAbsent(issueId, this::load);
    }

    void forget(long issueId) {
        byIssue.remove(issueId);
    }

    private IssueCopy load(long issueId) {
        return new IssueCopy(contents.ofIssue(issueId));
    }

    final class IssueCopy {

        private final IssueContent content;
        private final Map<List<String>, IssueRenderer.Rendered> bySections = new ConcurrentHashMap<>();

        private IssueCopy(IssueContent content) {
            this.content = content;
        }

        Mail messageFor(Claim claim, String messageId) {
            IssueRenderer.Rendered copy = bySections.computeIfAbsent(List.copyOf(claim.sections()),
                    sections -> renderer.forReaders(content, sections));
            return messages.toReader(copy, content.sendDate(), claim.email(), claim.unsubscribeToken(), messageId);
        }

        String messageIdFor(Claim claim) {
            return messages.readerMessageId(content.sendDate(), claim.subscriberId());
        }
    }
}
