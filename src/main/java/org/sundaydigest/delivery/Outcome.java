package org.sundaydigest.delivery;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sundaydigest.common.Text;

import io.vertx.ext.mail.SMTPException;

/**
 * What the relay's answer to one message means for its recipient. Temporary trouble (4xx replies, no connection, no
 * answer in time) defers; a 5xx reply fails for good, and one that says the mailbox does not exist also bounces the
 * reader.
 */
record Outcome(Kind kind, boolean slowDown, boolean bounce, String reason) {

    enum Kind {
        SENT, DEFERRED, FAILED
    }

    /** Replies with which a relay asks the sender to slow down. */
    private static final Set<Integer> THROTTLING = Set.of(421, 450, 451, 454);

    /** Mailbox replies that, without an enhanced status code, mean the address is bad. */
    private static final Set<Integer> BAD_MAILBOX = Set.of(550, 551, 553);

    private static final Pattern ENHANCED_STATUS = Pattern.compile("^\\s*\\d{3}[ -]5\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    static final Outcome SENT = new Outcome(Kind.SENT, false, false, null);

    static Outcome of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return ofReply(smtp);
            }
            if (cause instanceof ConnectException || cause instanceof TimeoutException
                    || cause instanceof io.smallrye.mutiny.TimeoutException) {
                return new Outcome(Kind.DEFERRED, true, false, "relay not reachable: " + describe(cause));
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || isConnectionClosed(cause)) {
                return new Outcome(Kind.DEFERRED, true, false, "connection to the relay failed: " + describe(cause));
            }
        }
        return new Outcome(Kind.FAILED, false, false, "could not be sent: " + describe(failure));
    }

    private static Outcome ofReply(SMTPException smtp) {
        int code = smtp.getReplyCode();
        String reason = "relay answered "
                + clip(smtp.getReplyMessage() == null ? String.valueOf(code) : smtp.getReplyMessage().strip());
        if (code >= 400 && code < 500) {
            return new Outcome(Kind.DEFERRED, THROTTLING.contains(code), false, reason);
        }
        if (code >= 500 && code < 600) {
            return new Outcome(Kind.FAILED, false, isBadMailbox(smtp), reason);
        }
        return new Outcome(Kind.DEFERRED, true, false, reason);
    }

    /**
     * Read from the reply itself (RFC 3463: 5.1.x is a bad address, 5.2.1 a disabled mailbox): the client library keeps
     * the detail digit in a shared enum constant, which concurrent sends overwrite.
     */
    private static boolean isBadMailbox(SMTPException smtp) {
        Matcher enhanced = ENHANCED_STATUS.matcher(String.valueOf(smtp.getReplyMessage()));
        if (enhanced.find()) {
            int subject = Integer.parseInt(enhanced.group(1));
            int detail = Integer.parseInt(enhanced.group(2));
            return subject == 1 || (subject == 2 && detail == 1);
        }
        return BAD_MAILBOX.contains(smtp.getReplyCode());
    }

    private static boolean isConnectionClosed(Throwable cause) {
        String message = String.valueOf(cause.getMessage()).toLowerCase();
        return message.contains("connection") && (message.contains("closed") || message.contains("reset"));
    }

    private static String describe(Throwable cause) {
        return clip(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    private static String clip(String text) {
        return Text.clip(text.replaceAll("\\s+", " "), 401);
    }
}
