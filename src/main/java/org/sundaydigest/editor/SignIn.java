package org.sundaydigest.editor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.attempt.Attempts;
import org.sundaydigest.web.ClientAddress;
import org.sundaydigest.web.TooManyAttempts;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks an editor's password, for the login form and HTTP Basic alike, with failed attempts counted per account and
 * client address: after {@link #LIMIT} of them the account is refused from that address, right password or not, until
 * the window has passed, and no password is even hashed meanwhile. Other accounts and addresses are not affected.
 */
@ApplicationScoped
class SignIn {

    static final Attempts.Limit LIMIT = new Attempts.Limit(Attempts.Kind.SIGN_IN_FAILURE, 10, Duration.ofMinutes(15));

    /** Hashed against when the account does not exist, so that an unknown name takes as long as a wrong password. */
    private static final String NO_ACCOUNT = BcryptUtil.bcryptHash("no such account", Editor.BCRYPT_COST);

    @Inject
    Attempts attempts;

    @Inject
    DeskSessions sessions;

    @Inject
    Clock clock;

    private final VerifiedPasswords verified = new VerifiedPasswords();

    SecurityIdentity withPassword(String username, char[] password, RoutingContext context) {
        String subject = username.toLowerCase(java.util.Locale.ROOT) + "\n" + ClientAddress.of(context);
        // Counted before the password is even looked at; a right one takes the count back below.
        Optional<Instant> blocked = attempts.attempt(LIMIT, subject);
        if (blocked.isPresent()) {
            TooManyAttempts.answer(context, Duration.between(clock.instant(), blocked.get()));
            throw new AuthenticationFailedException("too many failed sign-ins");
        }
        Optional<Editor> editor = QuarkusTransaction.requiringNew().call(() -> Editor.findByUsername(username));
        boolean right = editor.isPresent() && verified.matches(username, password, editor.get().password);
        if (editor.isEmpty()) {
            BcryptUtil.matches(new String(password), NO_ACCOUNT);
        }
        Arrays.fill(password, '\0');
        if (!right) {
            throw new AuthenticationFailedException("wrong name or password");
        }
        attempts.clear(LIMIT.kind(), subject);
        if (context != null && context.request().method() == HttpMethod.POST
                && context.normalizedPath().equals("/editor/login")) {
            sessions.open(username, context);
        }
        return identity(editor.get());
    }

    /** The editor a login cookie names, if their desk session is still open. */
    SecurityIdentity withCookie(String username, RoutingContext context) {
        Optional<Editor> editor = QuarkusTransaction.requiringNew().call(() -> Editor.findByUsername(username));
        if (editor.isEmpty() || !sessions.isOpen(username, context)) {
            throw new AuthenticationFailedException("the session has ended");
        }
        return identity(editor.get());
    }

    private static SecurityIdentity identity(Editor editor) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(editor.username));
        Arrays.stream(editor.roles.split(",")).map(String::strip).filter(r -> !r.isEmpty()).forEach(builder::addRole);
        return builder.build();
    }
}
