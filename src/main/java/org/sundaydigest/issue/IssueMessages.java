package org.sundaydigest.issue;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.MailboxSettings;
import org.sundaydigest.subscriber.UnsubscribeSubject;

import io.quarkus.mailer.Mail;

/** Turns a reader's rendered copy into a message with the headers the contract and RFC 2369/8058 ask for. */
@ApplicationScoped
public class IssueMessages {

    @Inject
    DigestConfig config;

    @Inject
    IssueRenderer renderer;

    /** Headers that are the same in every message, made once rather than per recipient. */
    private String listId;

    @PostConstruct
    void prepareHeaders() {
        listId = Composer.oneLine(config.publicationName()).replaceAll("[<>\"]", "") + " <digest." + renderer.host()
                + ">";
    }

    /** A test copy: the subject says so, the links carry the sample token, the Message-ID is new each time. */
    public Mail test(IssueRenderer.Rendered copy, String to) {
        String messageId = "<test-" + UUID.randomUUID() + "@" + renderer.host() + ">";
        Mail mail = message(copy, to, IssueRenderer.SAMPLE_TOKEN, "[TEST] " + copy.subject(), messageId);
        mail.addHeader("X-Sunday-Digest-Test", "true");
        return mail;
    }

    /**
     * A reader's copy. The Message-ID comes from the issue and the reader, so a copy sent again after a crash carries
     * the same id and mail systems can tell it is a repeat.
     */
    public Mail toReader(IssueRenderer.Rendered copy, String to, String unsubscribeToken, String messageId) {
        return message(copy, to, unsubscribeToken, copy.subject(), messageId);
    }

    /** The Message-ID of a reader's copy of the issue of this date. */
    public String readerMessageId(LocalDate sendDate, long subscriberId) {
        return "<digest-" + sendDate + "-" + subscriberId + "@" + renderer.host() + ">";
    }

    /** The https link, and a mailto: for mail clients that only write emails, when the mailbox is read. */
    private String listUnsubscribe(String unsubscribeUrl, String token) {
        MailboxSettings mailbox = config.unsubscribeMailbox();
        if (!mailbox.enabled()) {
            return "<" + unsubscribeUrl + ">";
        }
        return "<" + unsubscribeUrl + ">, <mailto:" + mailbox.address().orElseThrow() + "?subject="
                + UnsubscribeSubject.of(token) + ">";
    }

    private Mail message(IssueRenderer.Rendered copy, String to, String token, String subject, String messageId) {
        String unsubscribeUrl = renderer.unsubscribeUrl(token);
        IssueRenderer.Rendered personal = copy.personalize(to, unsubscribeUrl);
        Mail mail = new Mail().setFrom(config.from()).addTo(to).setSubject(Composer.oneLine(subject))
                .setHtml(personal.html()).setText(personal.text());
        mail.addHeader("Message-ID", messageId);
        mail.addHeader("List-Id", listId);
        mail.addHeader("List-Unsubscribe", listUnsubscribe(unsubscribeUrl, token));
        mail.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return mail;
    }
}
