package org.sundaydigest.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.subscriber.SubscriberStatus;

import io.quarkus.mailer.Mail;

/**
 * The sending engine of one instance. It claims due recipients of the issues being sent in small batches under a lease,
 * sends each claimed message at most {@code concurrency} at a time, and records every outcome on its own as soon as the
 * relay answers. Whatever an instance holds when it dies is claimed again by any instance once the lease runs out; the
 * only messages that can go out twice are the few that were in flight at that moment.
 */
class DeliveryEngine {

    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class);

    /** The longest an engine waits in one go for the shared rate or a relay's slow-down; longer waits end a drain. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(2);
    private static final int UNLIMITED = Integer.MAX_VALUE;

    private final String owner;
    private final DeliveryStores stores;
    private final IssueCopies copies;
    private final Transport transport;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final DigestConfig.Engine settings;
    private final ExecutorService senders;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Pace pace;
    /**
     * Messages handed to the senders and not yet recorded: each takes one of its (practically unlimited) permits, so
     * waiting for at most {@code n} of them is taking all permits but {@code n}.
     */
    private final Semaphore inFlight = new Semaphore(UNLIMITED);
    private final OutcomeRecorder recorder;
    private volatile boolean stopped;

    DeliveryEngine(String owner, DeliveryStores stores, IssueCopies copies, Transport transport,
            DeliveryMetrics metrics, Clock clock, DigestConfig.Engine settings) {
        this.owner = owner;
        this.stores = stores;
        this.copies = copies;
        this.transport = transport;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.pace = new Pace(settings.batchSize(), settings.throttlePause());
        this.recorder = new OutcomeRecorder(stores.outcomes(), owner, clock);
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), task -> {
            Thread thread = new Thread(task, "digest-send-" + owner + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Works on the issues being sent until none has a recipient due now; returns how many messages went out. Does
     * nothing when this engine is already draining.
     */
    int drain() {
        if (stopped || !draining.compareAndSet(false, true)) {
            return 0;
        }
        try {
            int total = 0;
            int round;
            do {
                round = 0;
                for (long issueId : stores.enrolments().sendingIssues()) {
                    round += drainIssue(issueId);
                }
                total += round;
            } while (round > 0 && !stopped);
            return total;
        } catch (RuntimeException e) {
            LOG.errorf(e, "The sending engine %s stopped a round; it goes on at its next poll.", owner);
            return 0;
        } finally {
            draining.set(false);
        }
    }

    void stop() {
        stopped = true;
        senders.shutdownNow();
        recorder.stop();
    }

    /**
     * Claims and sends the issue's due recipients until none is left. Messages are handed to the senders as they are
     * claimed, and the next batch is claimed as soon as the senders are nearly idle, so one slow message holds up only
     * its own sender.
     */
    private int drainIssue(long issueId) {
        AtomicInteger sent = new AtomicInteger();
        try {
            while (!stopped) {
                if (!waitFor(pace.pausedUntil()) || !awaitInFlightAtMost(settings.concurrency())) {
                    return sent.get();
                }
                Instant now = clock.instant();
                ClaimStore.Batch batch = stores.claims().claim(issueId, owner, pace.batch(), now,
                        now.plus(settings.lease()), settings.ratePerSecond(), settings.ratePerHour());
                if (batch.rateLimitedUntil().isPresent()) {
                    if (!waitFor(batch.rateLimitedUntil().get())) {
                        return sent.get();
                    }
                    continue;
                }
                if (batch.claims().isEmpty()) {
                    awaitInFlightAtMost(0);
                    if (stores.enrolments().finishIfDone(issueId, clock.instant())) {
                        copies.forget(issueId);
                        LOG.infof("Issue %d is sent: no recipient is pending or deferred any more.", issueId);
                    }
                    return sent.get();
                }
                submit(copies.of(issueId), batch.claims(), sent);
            }
            return sent.get();
        } finally {
            awaitInFlightAtMost(0);
        }
    }

    private void submit(IssueCopies.IssueCopy copy, List<Claim> claims, AtomicInteger sent) {
        pace.claimed(clock.instant());
        for (Claim claim : claims) {
            inFlight.acquireUninterruptibly();
            senders.execute(() -> {
                try {
                    if (deliver(copy, claim)) {
                        sent.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Delivery %d could not be handled; it is claimed again when its lease runs out.",
                            claim.deliveryId());
                } finally {
                    inFlight.release();
                }
            });
        }
    }

    /** Waits until no more than {@code max} messages are queued or in flight; false if interrupted. */
    private boolean awaitInFlightAtMost(int max) {
        int others = UNLIMITED - max;
        try {
            inFlight.acquire(others);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        inFlight.release(others);
        return true;
    }

    /** Sends one claimed message and records what happened; true if the relay took it. */
    private boolean deliver(IssueCopies.IssueCopy copy, Claim claim) {
        Instant now = clock.instant();
        if (stopped || now.isAfter(claim.leaseUntil().minus(settings.sendTimeout())) || pace.paused(now)) {
            // Too little of the lease is left to be sure of finishing before another instance may take it over.
            recorder.record(DeliveryResult.released(claim, pace.paused(now) ? pace.pausedUntil() : now));
            return false;
        }
        if (claim.readerStatus() != SubscriberStatus.ACTIVE) {
            recorder.record(DeliveryResult.skipped(claim,
                    "the reader is " + claim.readerStatus().name().toLowerCase() + " now"));
            metrics.count("skipped");
            return false;
        }
        String messageId = copy.messageIdFor(claim);
        Mail message = copy.messageFor(claim, messageId);
        long started = System.nanoTime();
        Outcome outcome = transport.send(message);
        metrics.time(Duration.ofNanos(System.nanoTime() - started));
        return record(claim, messageId, outcome);
    }

    private boolean record(Claim claim, String messageId, Outcome outcome) {
        Instant now = clock.instant();
        switch (outcome.kind()) {
        case SENT -> {
            recorder.record(DeliveryResult.sent(claim, messageId));
            metrics.count("sent");
            return true;
        }
        case DEFERRED -> {
            if (outcome.slowDown()) {
                slowDown(now);
            }
            if (claim.attempts() >= settings.maxAttempts()) {
                recorder.record(DeliveryResult.failed(claim,
                        "gave up after " + claim.attempts() + " attempts; " + outcome.reason(), false));
                metrics.count("failed");
            } else {
                recorder.record(DeliveryResult.deferred(claim, outcome.reason(),
                        now.plus(Pace.backoff(claim.attempts(), settings.retryDelay(), settings.maxRetryDelay()))));
                metrics.count("deferred");
            }
            return false;
        }
        default -> {
            recorder.record(DeliveryResult.failed(claim, outcome.reason(), outcome.bounce()));
            metrics.count(outcome.bounce() ? "bounced" : "failed");
            return false;
        }
        }
    }

    private void slowDown(Instant now) {
        Instant until = pace.slowDown(now);
        if (until != null) {
            LOG.infof("The relay asked to slow down; %s pauses until %s.", owner, until);
        }
    }

    /** Waits until the given time if it is near; false when it is too far off, so the drain ends instead. */
    private boolean waitFor(Instant until) {
        Duration wait = Duration.between(clock.instant(), until);
        if (wait.isNegative() || wait.isZero()) {
            return true;
        }
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            return false;
        }
        try {
            Thread.sleep(wait.toMillis() + 1);
            return !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
