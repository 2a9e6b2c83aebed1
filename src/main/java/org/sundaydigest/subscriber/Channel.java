package org.sundaydigest.subscriber;

/** How a consent event reached us: part of the proof of consent. */
public enum Channel {
    /** The sign-up form, the confirmation link or the unsubscribe page. */
    WEB,
    /** {@code POST /api/subscriptions}. */
    API,
    /** The RFC 8058 one-click POST from a mail client. */
    ONE_CLICK,
    /** An email to the unsubscribe address. */
    MAILTO,
    /** An editor's action. */
    EDITOR,
    /** The mail system, for bounces. */
    SYSTEM,
    /** The reader's mailbox provider, reporting that they marked a digest as spam. */
    COMPLAINT,
    /** An editor's import of a list whose consent was given elsewhere. */
    IMPORT
}
