package org.sundaydigest.subscriber;

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
}
