package org.sundaydigest.bounce;

import java.time.Instant;
import java.util.Locale;

import org.sundaydigest.common.Text;

/**
 * What a mail system said about one message after it had accepted it, in one shape whatever the channel: a webhook, a
 * provider's notification or an email in the bounce mailbox.
 *
 * @param source
 *            where the report came from
 * @param kind
 *            permanent or temporary bounce, or complaint
 * @param email
 *            the recipient the report names, lower-cased; null when it names none (a redacted complaint)
 * @param verpId
 *            the opaque id of the variable envelope sender the report came back to ({@code bounces+<id>@…}), or null
 * @param messageId
 *            the {@code Message-ID} of the reported message, with its angle brackets, or null
 * @param reason
 *            the mail system's words (status code and diagnostic), at most 500 characters, or null
 * @param at
 *            when the mail system says it happened, or null
 * @param eventKey
 *            the same for every delivery of one event, different for two events: a repeat is recognised by it
 */
record Report(Source source, Kind kind, String email, String verpId, String messageId, String reason, Instant at,
        String eventKey) {

    /** Where a report came from. */
    enum Source {
        WEBHOOK, SES, POSTMARK, MAILGUN, SENDGRID, MAILBOX
    }

    /** What a report says. */
    enum Kind {
        /** The address does not exist or refuses mail for good. */
        PERMANENT,
        /** The mailbox is full, the server was down: it may work next time. */
        TEMPORARY,
        /** The reader marked the message as spam. */
        COMPLAINT
    }

    Report {
        email = email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
        verpId = verpId == null || verpId.isBlank() ? null : verpId.trim().toLowerCase(Locale.ROOT);
        messageId = normalizeMessageId(messageId);
        reason = reason == null || reason.isBlank() ? null : Text.clip(reason.strip().replaceAll("\\s+", " "), 500);
        if (eventKey == null || eventKey.isBlank()) {
            throw new IllegalArgumentException("a report needs an event key");
        }
    }

    /** A Message-ID as the service writes it: trimmed, in angle brackets; null for a blank one. */
    static String normalizeMessageId(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            return null;
        }
        String bare = messageId.trim();
        if (bare.startsWith("<")) {
            bare = bare.substring(1);
        }
        if (bare.endsWith(">")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        return bare.isBlank() ? null : "<" + bare.trim() + ">";
    }
}
