package org.sundaydigest.subscriber;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.attempt.Attempts;
import org.sundaydigest.common.DigestConfig;

/**
 * What keeps the sign-up from being used to mail-bomb: at most {@code DIGEST_SUBSCRIPTION_LIMIT_PER_IP} sign-ups per
 * client address per ten minutes, and at most a few confirmation emails per address per day, whoever signs it up.
 */
@ApplicationScoped
class SignUpLimit {

    static final Duration PER_IP_WINDOW = Duration.ofMinutes(10);
    static final Duration PER_ADDRESS_WINDOW = Duration.ofHours(24);

    /** The client address has used up its sign-ups for now. */
    static final class Reached extends RuntimeException {

        private final long retryAfterSeconds;

        Reached(long retryAfterSeconds) {
            super("too many sign-ups from one client address", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    @Inject
    Attempts attempts;

    @Inject
    DigestConfig config;

    @Inject
    Clock clock;

    /** Counts a sign-up from this client address, or refuses it when the address has had its share. */
    void admit(RequestOrigin origin) {
        Attempts.Limit limit = new Attempts.Limit(Attempts.Kind.SIGN_UP, config.subscription().limitPerIp(),
                PER_IP_WINDOW);
        String client = origin.ip() == null ? "unknown" : origin.ip();
        attempts.attempt(limit, client).ifPresent(until -> {
            throw new Reached(Math.max(1, Duration.between(clock.instant(), until).toSeconds() + 1));
        });
    }

    /** Whether this address may be sent one more confirmation email today. */
    boolean mayMail(String emailKey) {
        return attempts.blockedUntil(perAddress(), emailKey).isEmpty();
    }

    /** Counts a confirmation email to this address. */
    void mailed(String emailKey) {
        attempts.record(Attempts.Kind.CONFIRMATION_MAIL, emailKey);
    }

    private Attempts.Limit perAddress() {
        return new Attempts.Limit(Attempts.Kind.CONFIRMATION_MAIL, config.subscription().confirmationsPerDay(),
                PER_ADDRESS_WINDOW);
    }
}
