package org.sundaydigest.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.sundaydigest.common.DigestConfig;

/**
 * Emails to readers outside the digest (confirmations, welcomes), kept with the change that calls for them: the caller
 * writes the email in its own transaction, and {@link OutboxSender} sends it once that has committed, from any
 * instance, again after a relay outage or a crash.
 */
@ApplicationScoped
public class Outbox {

    /** A ready email: its kind (for operators), recipient, subject and both parts. */
    public record Message(String kind, String to, String subject, String html, String text) {
    }

    @Inject
    DigestConfig config;

    @Inject
    Clock clock;

    @Inject
    OutboxSender sender;

    private volatile String domain;

    /** Writes the email in the caller's transaction; it is sent after that commits, and never if it rolls back. */
    @Transactional(TxType.MANDATORY)
    public void enqueue(Message message) {
        // A new confirmation link replaces the one still waiting: only the newest may reach the reader.
        OutboxMail.dropWaiting(message.kind(), message.to());
        OutboxMail.of(message, "<" + UUID.randomUUID() + "@" + domain() + ">", clock.instant()).persist();
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

    /** Sends what is due now rather than at the next poll; returns at once. */
    public void wake() {
        sender.wake();
    }

    /** The domain of {@code DIGEST_FROM}, on which every Message-ID the service makes is. */
    String domain() {
        String known = domain;
        if (known == null) {
            known = domainOf(config.from());
            domain = known;
        }
        return known;
    }

    static String domainOf(String from) {
        try {
            String address = new InternetAddress(from, false).getAddress();
            int at = address == null ? -1 : address.lastIndexOf('@');
            return at < 0 || at == address.length() - 1 ? "localhost" : address.substring(at + 1).toLowerCase();
        } catch (AddressException e) {
            return "localhost";
        }
    }
}
