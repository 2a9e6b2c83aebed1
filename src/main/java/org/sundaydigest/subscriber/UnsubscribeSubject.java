package org.sundaydigest.subscriber;

import org.sundaydigest.common.MailboxSettings;

/** The subject of an email that unsubscribes its sender's reader: a fixed prefix followed by the reader's token. */
public final class UnsubscribeSubject {

    /** What the subject starts with. */
    public static final String PREFIX = "unsubscribe-";

    private UnsubscribeSubject() {
    }

    /** The subject that unsubscribes the reader with this token. */
    public static String of(String token) {
        return PREFIX + token;
    }

    /** The mailto: of List-Unsubscribe for this token, or null when no mailbox is read for it. */
    public static String mailto(MailboxSettings mailbox, String token) {
        return mailbox.enabled() ? "mailto:" + mailbox.address().orElseThrow() + "?subject=" + of(token) : null;
    }
}
