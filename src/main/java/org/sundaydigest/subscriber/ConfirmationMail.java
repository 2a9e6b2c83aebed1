package org.sundaydigest.subscriber;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.mail.MailContext;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;

/** The double opt-in email: a link that makes a pending reader active. Carries no List-Unsubscribe. */
@ApplicationScoped
class ConfirmationMail {

    private static final Logger LOG = Logger.getLogger(ConfirmationMail.class);

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance confirm(String publication, String confirmUrl, String validFor);
    }

    @Inject
    DigestConfig config;

    @Inject
    MailContext mailContext;

    /** A confirmation to be sent once the sign-up it belongs to is committed; it repeats nothing the reader typed. */
    record Pending(String email, String token) {
    }

    /**
     * Sends it without waiting: the reader's answer must neither take longer nor differ when the address was unknown
     * (and a mail is sent) than when it was already active (and none is). A failure is logged; signing up again sends a
     * fresh link.
     */
    void send(Pending pending) {
        String url = config.baseUrl() + "/subscribe/confirm?token=" + pending.token();
        mailContext
                .send(Templates
                        .confirm(config.publicationName(), url, validity(config.subscription().confirmationTtl()))
                        .from(config.from()).to(pending.email())
                        .subject("Please confirm your subscription to " + config.publicationName()).send())
                .subscribe().with(sent -> {
                }, failure -> LOG.error("Could not send a confirmation email; the reader can sign up again", failure));
    }

    static String validity(Duration ttl) {
        if (ttl.toDays() >= 2) {
            return ttl.toDays() + " days";
        }
        return ttl.toHours() >= 2 ? ttl.toHours() + " hours" : ttl.toMinutes() + " minutes";
    }
}
