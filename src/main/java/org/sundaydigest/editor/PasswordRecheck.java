package org.sundaydigest.editor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.attempt.Attempts;
import org.sundaydigest.web.Problem;
import org.sundaydigest.web.ProblemException;
import org.sundaydigest.web.TooManyAttempts;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * The password typed again by a signed-in account (to change it, to turn the second factor off, for a token or new
 * recovery codes). A wrong one counts towards the same limit as a failed sign-in, in a transaction of its own so that
 * the refusal does not roll it back: a borrowed session is no way to guess the password.
 */
@ApplicationScoped
class PasswordRecheck {

    @Inject
    Attempts attempts;

    @Inject
    CurrentVertxRequest request;

    @Inject
    Clock clock;

    /** Refuses with 400 naming {@code field} when the password is not the account's, 429 past the limit. */
    void require(Editor editor, String typed, String field) {
        String subject = SignIn.throttled(editor.username, request.getCurrent());
        Optional<Instant> blocked = attempts.blockedUntil(SignIn.LIMIT, subject);
        if (blocked.isPresent()) {
            long minutes = TooManyAttempts.minutes(Duration.between(clock.instant(), blocked.get()).toSeconds());
            throw new ProblemException(Problem.of(429, "Too many attempts",
                    "Too many wrong passwords for this account from here; try again in " + minutes + " minutes."));
        }
        if (typed == null || !BcryptUtil.matches(typed, editor.password)) {
            QuarkusTransaction.requiringNew().run(() -> attempts.record(SignIn.LIMIT.kind(), subject));
            throw ProblemException.invalidField(field, "is not the account's password");
        }
    }
}
