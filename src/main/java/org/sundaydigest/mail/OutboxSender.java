package org.sundaydigest.mail;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.OutboxSettings;

import io.quarkus.mailer.Mail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vertx.ext.mail.SMTPException;

/**
 * Sends the outbox: claims due emails under a lease (the pattern of deliveries: a dead instance's emails are taken over
 * when its lease runs out, and a send is given at most half the lease, so that a live instance is done with an email
 * before another may take it), sends each outside any transaction, then records the outcome if it still holds the
 * email. A 5xx reply fails the email for good; anything else (4xx, no connection, no answer in time) tries again after
 * a growing delay. A crash between the relay's answer and the record may send one email twice, never lose it.
 */
@ApplicationScoped
class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);
    private static final int BATCH = 20;

    @Inject
    DigestConfig config;

    @Inject
    Clock clock;

    @Inject
    MailContext mailContext;

    private final String owner = instanceName();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final ExecutorService waker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "digest-outbox-wake");
        thread.setDaemon(true);
        return thread;
    });

    @Scheduled(identity = "outbox-poll", every = "${digest.outbox.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drain();
    }

    /**
     * Queues one drain, however many sign-ups ask at once: a drain finds every email due, and one asked for while a
     * drain runs is queued again, for the emails committed after that drain looked.
     */
    void wake() {
        if (!wakeQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            waker.execute(() -> {
                wakeQueued.set(false);
                drainLogged();
            });
        } catch (RejectedExecutionException stopping) {
            // The service is stopping; the email waits in the database for the next instance or start.
        }
    }

    private void drainLogged() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warnf("The outbox could not be sent now; the next poll tries again: %s", e.getClass().getSimpleName());
        }
    }

    /** Well inside the lease, so that no other instance can take the email over while this one may still send it. */
    private Duration sendTimeout() {
        Duration half = config.outbox().lease().dividedBy(2);
        Duration configured = config.engine().sendTimeout();
        return configured.compareTo(half) < 0 ? configured : half;
    }

    /** Sends every email due now; returns how many the relay took. */
    synchronized int drain() {
        int sent = 0;
        List<Long> due;
        do {
            Instant now = clock.instant();
            due = QuarkusTransaction.requiringNew().call(() -> OutboxMail.dueIds(now, BATCH));
            for (long id : due) {
                sent += claim(id).map(this::send).orElse(false) ? 1 : 0;
            }
        } while (due.size() == BATCH);
        return sent;
    }

    private Optional<OutboxMail> claim(long id) {
        Instant now = clock.instant();
        Instant until = now.plus(config.outbox().lease());
        return QuarkusTransaction.requiringNew().call(() -> OutboxMail.claim(id, owner, now, until)
                ? OutboxMail.<OutboxMail> findByIdOptional(id) : Optional.<OutboxMail> empty());
    }

    private boolean send(OutboxMail claimed) {
        Mail mail = Mail.withHtml(claimed.recipient, claimed.subject, claimed.htmlBody).setText(claimed.textBody)
                .setFrom(config.from()).addHeader("Message-ID", claimed.messageId);
        claimed.headerMap().forEach(mail::addHeader);
        String failure = null;
        boolean permanent = false;
        try {
            mailContext.sendAndWait(mail, sendTimeout());
        } catch (RuntimeException e) {
            SMTPException refusal = refusal(e);
            permanent = refusal != null && refusal.getReplyCode() >= 500;
            failure = refusal != null ? "relay answered " + refusal.getReplyMessage() : describe(e);
        }
        record(claimed, failure, permanent);
        return failure == null;
    }

    /**
     * Records the outcome only if this instance still holds the email: once its lease ran out another instance may have
     * taken it over, and that one's record counts.
     */
    private void record(OutboxMail claimed, String failure, boolean permanent) {
        Instant now = clock.instant();
        OutboxSettings settings = config.outbox();
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
            if (failure == null) {
                return OutboxMail.sent(claimed.id, owner, now);
            }
            if (permanent || claimed.attempts >= settings.maxAttempts()) {
                return OutboxMail.failed(claimed.id, owner, failure);
            }
            return OutboxMail.deferred(claimed.id, owner,
                    now.plus(backoff(claimed.attempts, settings.retryDelay(), settings.maxRetryDelay())), failure);
        });
        if (recorded && failure != null && (permanent || claimed.attempts >= settings.maxAttempts())) {
            // The reason, which may name the recipient, stays in outbox_mail.last_error, out of the log.
            LOG.warnf("A %s email (outbox id %d) is given up after %d attempts", claimed.kind, claimed.id,
                    claimed.attempts);
        }
    }

    /** The wait after the given number of attempts: doubling from {@code first}, at most {@code max}. */
    static Duration backoff(int attempts, Duration first, Duration max) {
        Duration wait = first.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private static SMTPException refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return smtp;
            }
        }
        return null;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String instanceName() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        return (runtime.length() > 60 ? runtime.substring(0, 60) : runtime) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
    }
}
