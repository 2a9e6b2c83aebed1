package org.sundaydigest.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.mail.MailContext;

import io.quarkus.mailer.Mail;

/** The mailer, whose pool keeps SMTP connections open between messages; an answer that takes too long defers. */
@ApplicationScoped
class MailerTransport implements Transport {

    @Inject
    DigestConfig config;

    @Inject
    MailContext mailContext;

    @Override
    public Outcome send(Mail mail) {
        Duration timeout = config.engine().sendTimeout();
        try {
            mailContext.sendAndWait(mail, timeout);
            return Outcome.SENT;
        } catch (RuntimeException failure) {
            return Outcome.of(failure);
        }
    }
}
