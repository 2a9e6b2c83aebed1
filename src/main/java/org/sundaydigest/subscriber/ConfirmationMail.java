package org.sundaydigest.subscriber;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.PageGlobals;
import org.sundaydigest.mail.Outbox;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;

/**
 * The double opt-in email: a link that makes a pending reader active. Carries no List-Unsubscribe and repeats nothing
 * the reader typed. It is written to the outbox with the sign-up, so that a relay outage or a crash delays it and never
 * loses it.
 */
@ApplicationScoped
class ConfirmationMail {

    static final String KIND = "confirmation";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(String publication, String confirmUrl, String validFor);
    }

    @Inject
    DigestConfig config;

    @Inject
    Outbox outbox;

    /** Writes the email with the link of this token, in the caller's transaction. */
    void enqueue(String email, String token) {
        outbox.enqueue(message(email, token));
    }

    /** The same, to be sent at {@code due}: an import spreads its emails at the delivery rate. */
    void enqueueAt(String email, String token, Instant due) {
        outbox.enqueueAt(message(email, token), due);
    }

    Outbox.Message message(String email, String token) {
        String url = config.baseUrl() + "/subscribe/confirm?token=" + token;
        String validFor = validity(config.subscription().confirmationTtl());
        return new Outbox.Message(KIND, email, "Please confirm your subscription to " + PageGlobals.thePublication(),
                Outbox.render(Templates.confirm(config.publicationName(), url, validFor), Variant.TEXT_HTML),
                Outbox.render(Templates.confirm(config.publicationName(), url, validFor), Variant.TEXT_PLAIN));
    }

    static String validity(Duration ttl) {
        if (ttl.toDays() >= 2) {
            return ttl.toDays() + " days";
        }
        return ttl.toHours() >= 2 ? ttl.toHours() + " hours" : ttl.toMinutes() + " minutes";
    }
}
