package org.sundaydigest.subscriber;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;

/** The double opt-in email: a link that makes a pending reader active. Carries no List-Unsubscribe. */
@ApplicationScoped
class ConfirmationMail {

    private static final Logger LOG = Logger.getLogger(ConfirmationMail.class);

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance confirm(String publication, String name, String confirmUrl, long validDays);
    }

    @Inject
    DigestConfig config;

    /** A confirmation to be sent once the sign-up it belongs to is committed. */
    record Pending(String email, String name, String token) {
    }

    /**
     * Sends it; a failure is logged rather than shown, because the reader's answer must not depend on whether the
     * address was known, and signing up again sends a fresh link.
     */
    void send(Pending pending) {
        String url = config.baseUrl() + "/subscribe/confirm?token=" + pending.token();
        try {
            Templates
                    .confirm(config.publicationName(), pending.name(), url,
                            config.subscription().confirmationTtl().toDays())
                    .from(config.from()).to(pending.email())
                    .subject("Please confirm your subscription to " + config.publicationName()).sendAndAwait();
        } catch (RuntimeException e) {
            LOG.error("Could not send a confirmation email; the reader can sign up again for a new link", e);
        }
    }
}
