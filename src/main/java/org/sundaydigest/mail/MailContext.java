package org.sundaydigest.mail;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailMessage;
import io.vertx.mutiny.ext.mail.MailClient;

/**
 * Every email goes out here, through one Vert.x context. The mail client's connection pool is not safe when callers on
 * many threads use it at once: now and then a message then waits forever for a connection (seen with concurrent
 * senders). Started from one event loop, every send uses the pool from that loop only.
 * <p>
 * A message goes to the Vert.x mail client that Quarkus configured (relay, TLS, DKIM) as the service builds it: the
 * Quarkus mailer would add an empty {@code Cc:} to every message. With the mock mailer (dev mode, most tests) it goes
 * to the Quarkus mailer, whose mock mailbox shows it.
 */
@ApplicationScoped
public class MailContext {

    @Inject
    Vertx vertx;

    @Inject
    ReactiveMailer mailer;

    @Inject
    Instance<MailClient> client;

    @ConfigProperty(name = "quarkus.mailer.mock")
    boolean mock;

    /** A staging safety net of the Quarkus mailer; when set, every email goes through that mailer to honour it. */
    @ConfigProperty(name = "quarkus.mailer.approved-recipients")
    Optional<List<String>> approvedRecipients;

    @ConfigProperty(name = "quarkus.mailer.bounce-address")
    Optional<String> bounceAddress;

    /** The service's own bounce address, for emails that are not digest copies (those have their own, VERP). */
    @ConfigProperty(name = "digest.bounce.address")
    Optional<String> digestBounceAddress;

    private volatile Context context;

    /** Sends and waits, at most {@code timeout}, for the relay to take the message. */
    public void sendAndWait(Mail mail, Duration timeout) {
        send(mail).await().atMost(timeout);
    }

    /** The send, subscribed to on the mail context; the result is delivered on that context's thread. */
    public Uni<Void> send(Mail mail) {
        if (!mail.getAttachments().isEmpty()) {
            throw new IllegalArgumentException("The service's emails carry no attachments");
        }
        if (mail.getBounceAddress() == null) {
            digestBounceAddress.or(() -> bounceAddress).ifPresent(mail::setBounceAddress);
        }
        Uni<Void> send = mock || approvedRecipients.isPresent() ? mailer.send(mail)
                : Uni.createFrom().deferred(() -> client.get().sendMail(message(mail)).replaceWithVoid());
        Context mailThread = context();
        return Uni.createFrom().emitter(
                emitter -> mailThread.runOnContext(ignored -> send.subscribe().with(emitter::complete, emitter::fail)));
    }

    /** The Vert.x message: only the headers that have a value, and the service's own Message-ID. */
    static MailMessage message(Mail mail) {
        MailMessage message = new MailMessage().setFrom(mail.getFrom()).setTo(mail.getTo())
                .setSubject(mail.getSubject()).setText(mail.getText()).setHtml(mail.getHtml());
        if (!mail.getCc().isEmpty()) {
            message.setCc(mail.getCc());
        }
        if (!mail.getBcc().isEmpty()) {
            message.setBcc(mail.getBcc());
        }
        if (mail.getBounceAddress() != null) {
            message.setBounceAddress(mail.getBounceAddress());
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (mail.getReplyTo() != null && !mail.getReplyTo().isBlank()) {
            headers.add("Reply-To", mail.getReplyTo());
        }
        mail.getHeaders().forEach((name, values) -> values.forEach(value -> headers.add(name, value)));
        return message.setHeaders(headers);
    }

    private Context context() {
        Context current = context;
        if (current == null) {
            synchronized (this) {
                if (context == null) {
                    // Asked for on a thread of its own, so that it is a new event-loop context, never a caller's.
                    CompletableFuture<Context> created = new CompletableFuture<>();
                    new Thread(() -> created.complete(vertx.getOrCreateContext()), "mail-context").start();
                    context = created.join();
                }
                current = context;
            }
        }
        return current;
    }
}
