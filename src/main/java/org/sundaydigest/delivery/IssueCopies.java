package org.sundaydigest.delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.digest.DigestContent;
import org.sundaydigest.digest.DigestMessages;
import org.sundaydigest.digest.DigestRenderer;
import org.sundaydigest.digest.DigestService;
import org.sundaydigest.digest.Issue;

import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The messages of the issues being sent. Each issue's frozen content is read once, and rendered once per choice of
 * sections; a reader's message is then that copy with their address and link put in.
 */
@ApplicationScoped
class IssueCopies {

    @Inject
    DigestService digests;

    @Inject
    DigestRenderer renderer;

    @Inject
    DigestMessages messages;

    private final Map<Long, IssueCopy> byIssue = new ConcurrentHashMap<>();

    IssueCopy of(long issueId) {
        return byIssue.computeIfAbsent(issueId, this::load);
    }

    void forget(long issueId) {
        byIssue.remove(issueId);
    }

    private IssueCopy load(long issueId) {
        DigestContent content = QuarkusTransaction.requiringNew()
                .call(() -> digests.snapshotOf(Issue.<Issue> findById(issueId)));
        return new IssueCopy(content);
    }

    final class IssueCopy {

        private final DigestContent content;
        private final Map<List<String>, DigestRenderer.Rendered> bySections = new ConcurrentHashMap<>();

        private IssueCopy(DigestContent content) {
            this.content = content;
        }

        Mail messageFor(Claim claim, String messageId) {
            DigestRenderer.Rendered copy = bySections.computeIfAbsent(List.copyOf(claim.sections()),
                    sections -> renderer.forReaders(content, sections));
            return messages.toReader(copy, claim.email(), claim.unsubscribeToken(), messageId);
        }

        String messageIdFor(Claim claim) {
            return messages.readerMessageId(content.sendDate(), claim.subscriberId());
        }
    }
}
