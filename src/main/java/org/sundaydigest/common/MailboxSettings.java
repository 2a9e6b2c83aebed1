package org.sundaydigest.common;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/** An IMAP mailbox the service reads ({@code digest.unsubscribe-mailbox.*}), part of {@link DigestConfig}. */
public interface MailboxSettings {
    /** Address readers may write to in order to leave; offered in List-Unsubscribe only when a host is set too. */
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

    /** Whether emails to the address are read, and so whether the address may be offered. */
    default boolean enabled() {
        return address().isPresent() && host().isPresent();
    }
}
