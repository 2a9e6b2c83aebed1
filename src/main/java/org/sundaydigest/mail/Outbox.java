package org.sundaydigest.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;

/**
 * Emails to readers outside the digest (confirmations, welcomes), kept with the change that calls for them: the caller
 * writes the email in its own transaction, and {@link OutboxSender} sends it once that has committed, from any
 * instance, again after a relay outage or a crash.
 */
@ApplicationScoped
public class Outbox {

    /** A ready email: its kind (for operators), recipient, subject, both parts and headers of its own. */
    public record Message(String kind, String to, String subject, String html, String text,
            Map<String, String> headers) {

        public Message {
            headers = Map.copyOf(headers);
        }

        public Message(String kind, String to, String subject, String html, String text) {
            this(kind, to, subject, html, text, Map.of());
        }
    }

    @Inject
    Clock clock;

    @Inject
    OutboxSender sender;

    @Inject
    MessageIds messageIds;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Writes the email in the caller's transaction; it is sent after that commits, and never if it rolls back. */
    @Transactional(TxType.MANDATORY)
    public void enqueue(Message message) {
        enqueueAt(message, clock.instant());
    }

    /**
     * Writes the email in the caller's transaction, to be sent at {@code due} or later: an import that mails many
     * readers spreads its emails at the delivery rate this way, across every instance.
     */
    @Transactional(TxType.MANDATORY)
    public void enqueueAt(Message message, Instant due) {
        // A new confirmation link replaces the one still waiting: only the newest may reach the reader.
        OutboxMail.dropWaiting(message.kind(), message.to());
        OutboxMail mail = OutboxMail.of(message, messageIds.random(message.kind()), clock.instant());
        mail.nextAttemptAt = due;
        mail.persist();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    sender.wake(); // at once rather than at the next poll
                }
            }
        });
    }

    /** One part of an email from a template with an HTML and a text variant ({@code Variant.TEXT_HTML}, ...). */
    public static String render(TemplateInstance template, String contentType) {
        return template.setAttribute(TemplateInstance.SELECTED_VARIANT, Variant.forContentType(contentType)).render();
    }

    /** Deletes every email to this address, sent or waiting, in the caller's transaction: part of an erasure. */
    @Transactional(TxType.MANDATORY)
    public void forget(String address) {
        OutboxMail.forget(address);
    }

    /** Deletes the emails written before this time, so that no address stays here longer than retention allows. */
    @Transactional(TxType.MANDATORY)
    public long purgeBefore(Instant before) {
        return OutboxMail.deleteCreatedBefore(before);
    }

}
