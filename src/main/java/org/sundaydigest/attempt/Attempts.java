package org.sundaydigest.attempt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.sundaydigest.common.Hashing;

import io.quarkus.scheduler.Scheduled;

/**
 * Limits on how often something may happen in a sliding window, counted in the database so that every instance sees the
 * same count: failed sign-ins per account and client address, sign-ups per client address, confirmation emails per
 * address.
 */
@ApplicationScoped
@Transactional
public class Attempts {

    /** What is counted. */
    public enum Kind {
        SIGN_IN_FAILURE, SECOND_FACTOR_FAILURE, SIGN_UP, CONFIRMATION_MAIL
    }

    /** At most {@code max} attempts of a kind per subject within {@code window}. */
    public record Limit(Kind kind, int max, Duration window) {
    }

    /** The longest window of any limit. */
    static final Duration LONGEST_WINDOW = Duration.ofDays(1);

    @Inject
    Clock clock;

    /** When the subject may try again, if it has used up the limit now; empty while it may go on. */
    public Optional<Instant> blockedUntil(Limit limit, String subject) {
        return limit.max() <= 0 ? Optional.empty() : over(limit, subject, limit.max() - 1);
    }

    /**
     * Counts one attempt of the subject now, and tells when it may try again if this one is over the limit. Counting
     * first means that attempts made at the same moment see each other, so none gets past the limit by racing.
     */
    public Optional<Instant> attempt(Limit limit, String subject) {
        if (limit.max() <= 0) {
            return Optional.empty();
        }
        record(limit.kind(), subject);
        return over(limit, subject, limit.max());
    }

    /** When the window lets the subject in again, if more than {@code allowed} of its attempts are in it now. */
    private Optional<Instant> over(Limit limit, String subject, int allowed) {
        Instant now = clock.instant();
        Instant since = now.minus(limit.window());
        String key = Hashing.sha256Hex(subject);
        if (Attempt.countSince(limit.kind(), key, since) <= allowed) {
            return Optional.empty();
        }
        return Optional.of(Attempt.oldestSince(limit.kind(), key, since).orElse(now).plus(limit.window()));
    }

    /** Counts one attempt of the subject now. */
    public void record(Kind kind, String subject) {
        Attempt attempt = new Attempt();
        attempt.kind = kind;
        attempt.subject = Hashing.sha256Hex(subject);
        attempt.at = clock.instant();
        attempt.persist();
    }

    /** Forgets the subject's attempts of this kind, as after a successful sign-in. */
    public void clear(Kind kind, String subject) {
        Attempt.delete("kind = ?1 and subject = ?2", kind, Hashing.sha256Hex(subject));
    }

    /** Forgets attempts older than any window (a day); idempotent, so every instance may run it. */
    @Scheduled(identity = "attempt-purge", every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Attempt.delete("at < ?1", clock.instant().minus(LONGEST_WINDOW));
    }
}
