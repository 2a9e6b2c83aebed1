package org.sundaydigest.common;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import io.smallrye.config.WithDefault;

/** An IMAP mailbox the service reads ({@code digest.unsubscribe-mailbox.*}), part of {@link DigestConfig}. */
public interface MailboxSettings {
    /**
     * Address of the mailbox. For the unsubscribe mailbox, the one readers may write to in order to leave, offered in
     * List-Unsubscribe only when a host is set too; the bounce mailbox is read whenever its host is set.
     */
    Optional<String> address();

    /** IMAP server of that mailbox. */
    Optional<String> host();

    /** IMAP port. */
    @WithDefault("993")
    int port();

    /** Whether to speak IMAP over TLS. */
    @WithDefault("true")
    boolean ssl();

    /** Login of the mailbox. */
    Optional<String> user();

    /** Password of the mailbox. */
    Optional<String> password();

    /** Folder the unsubscribe emails arrive in. */
    @WithDefault("INBOX")
    String folder();

    /** Longest wait for the IMAP server to accept a connection, answer a command or take data. */
    @WithDefault("PT30S")
    Duration timeout();

    /** How often the mailbox is read; "off" stops it. */
    @WithDefault("1m")
    String poll();

    /** A session on the mailbox's server, connected and logged in, every wait bounded; the caller closes it. */
    default Store connect() throws MessagingException {
        Store store = Session.getInstance(imapProperties()).getStore(ssl() ? "imaps" : "imap");
        store.connect(host().orElseThrow(), port(), user().orElse(null), password().orElse(null));
        return store;
    }

    /** Bounds every wait on the server: without them one server that stops answering blocks the poll for good. */
    default Properties imapProperties() {
        return imapProperties(timeout());
    }

    /** Session properties under which every IMAP wait gives up after {@code timeout}. */
    static Properties imapProperties(Duration timeout) {
        Properties properties = new Properties();
        String millis = String.valueOf(timeout.toMillis());
        for (String protocol : new String[] { "imap", "imaps" }) {
            properties.setProperty("mail." + protocol + ".connectiontimeout", millis);
            properties.setProperty("mail." + protocol + ".timeout", millis);
            properties.setProperty("mail." + protocol + ".writetimeout", millis);
        }
        return properties;
    }

    /** Whether emails to the address are read, and so whether the address may be offered. */
    default boolean enabled() {
        return address().isPresent() && host().isPresent();
    }
}
