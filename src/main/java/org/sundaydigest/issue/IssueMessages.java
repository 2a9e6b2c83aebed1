package org.sundaydigest.issue;

import java.time.LocalDate;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.mail.ListHeaders;
import org.sundaydigest.mail.MessageIds;
import org.sundaydigest.mail.Verp;
import org.sundaydigest.subscriber.UnsubscribeSubject;

import io.quarkus.mailer.Mail;

/** Turns a reader's rendered copy into a message with the headers the contract and RFC 2369/8058 ask for. */
@ApplicationScoped
public class IssueMessages {

    @Inject
    DigestConfig config;

    @Inject
    IssueRenderer renderer;

    @Inject
    MessageIds messageIds;

    /** Headers that are the same in every message, made once rather than per recipient. */
    private String listId;

    @PostConstruct
    void prepareHeaders() {
        listId = ListHeaders.listId(config.publicationName(), renderer.host());
    }

    /** A test copy: the subject says so, the links carry the sample token, the Message-ID is new each time. */
    public Mail test(IssueRenderer.Rendered copy, String to) {
        Mail mail = message(copy, to, IssueRenderer.SAMPLE_TOKEN, "[TEST] " + copy.subject(), messageIds.random("test"),
                "test");
        mail.addHeader("X-Sunday-Digest-Test", "true");
        return mail;
    }

    /**
     * A reader's copy. The Message-ID comes from the issue and the reader, so a copy sent again after a crash carries
     * the same id and mail systems can tell it is a repeat.
     */
    public Mail toReader(IssueRenderer.Rendered copy, LocalDate sendDate, String to, String unsubscribeToken,
            String messageId) {
        Mail mail = message(copy, to, unsubscribeToken, copy.subject(), messageId, "issue-" + sendDate);
        config.bounceAddress().ifPresent(bounces -> mail.setBounceAddress(Verp.address(bounces, messageId)));
        return mail;
    }

    /**
     * The Message-ID of a reader's copy of the issue of this date: keyed, so it names neither the reader nor a count.
     */
    public String readerMessageId(LocalDate sendDate, long subscriberId) {
        return messageIds.keyed("digest", sendDate + "/" + subscriberId);
    }

    /**
     * {@code campaign} opens the Feedback-ID (campaign, list, sender), by which Gmail's feedback loop reports
     * complaints per issue.
     */
    private Mail message(IssueRenderer.Rendered copy, String to, String token, String subject, String messageId,
            String campaign) {
        String unsubscribeUrl = renderer.unsubscribeUrl(token);
        IssueRenderer.Rendered personal = copy.personalize(to, unsubscribeUrl, renderer.preferencesUrl(token));
        Mail mail = new Mail().setFrom(config.from()).addTo(to).setSubject(Composer.oneLine(subject))
                .setHtml(personal.html()).setText(personal.text());
        mail.addHeader("Message-ID", messageId);
        ListHeaders.of(listId, unsubscribeUrl, UnsubscribeSubject.mailto(config.unsubscribeMailbox(), token))
                .forEach(mail::addHeader);
        mail.addHeader("Feedback-ID", campaign + ":digest:" + renderer.host());
        return mail;
    }
}
