package org.sundaydigest.editor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.attempt.Attempts;
import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.Roles;
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
 * Signs an account in, on the login form and by HTTP Basic alike, with failed attempts counted per account and client
 * address: after {@link #LIMIT} of them the account is refused from that address, right password or not, until the
 * window has passed, and no password is even hashed meanwhile. A wrong second-factor code counts as a failure. With a
 * second factor on, HTTP Basic takes an API token, never the password.
 */
@ApplicationScoped
class SignIn {

    static final Attempts.Limit LIMIT = new Attempts.Limit(Attempts.Kind.SIGN_IN_FAILURE, 10, Duration.ofMinutes(15));
    /** Wrong second-factor codes of one account from anywhere, so that many addresses do not make many guesses. */
    static final Attempts.Limit CODE_LIMIT = new Attempts.Limit(Attempts.Kind.SECOND_FACTOR_FAILURE, 10,
            Duration.ofMinutes(15));

    /** The login form's field for the second factor's code (TOTP or recovery). */
    static final String CODE_FIELD = "code";

    /** Hashed against when the account does not exist, so that an unknown name takes as long as a wrong password. */
    private static final String NO_ACCOUNT = BcryptUtil.bcryptHash("no such account", Editor.BCRYPT_COST);

    @Inject
    Attempts attempts;

    @Inject
    DeskSessions sessions;

    @Inject
    SecondFactors secondFactors;

    @Inject
    Audit audit;

    @Inject
    DigestConfig config;

    @Inject
    Clock clock;

    private final VerifiedPasswords verified = new VerifiedPasswords();

    SecurityIdentity withPassword(String username, char[] password, RoutingContext context) {
        boolean desk = isDeskLogin(context);
        String typed = new String(password);
        Arrays.fill(password, '\0');
        Optional<Editor> found = QuarkusTransaction.requiringNew().call(() -> Editor.findByUsername(username));
        // A token (256 random bits) is not guessed, and proves nothing about the password: it neither counts towards
        // the limit nor takes back the failures counted.
        if (!desk && found.isPresent() && !found.get().disabled && ApiTokens.looksLikeToken(typed) && QuarkusTransaction
                .requiringNew().call(() -> ApiTokens.use(found.get().id, typed, clock.instant()))) {
            return identity(found.get());
        }
        String subject = throttled(username, context);
        // Counted before the password is even looked at; a right one takes the count back below.
        Optional<Instant> blocked = attempts.attempt(LIMIT, subject);
        if (blocked.isPresent()) {
            TooManyAttempts.answer(context, Duration.between(clock.instant(), blocked.get()));
            throw new AuthenticationFailedException("too many failed sign-ins");
        }
        if (found.isEmpty()) {
            BcryptUtil.matches(typed, NO_ACCOUNT);
            // Not recorded: the name is not an account's, and may be a password typed in the wrong field.
            throw new AuthenticationFailedException("wrong name or password");
        }
        Editor editor = found.get();
        String failure = desk ? checkDesk(editor, typed, context) : checkApi(editor, typed);
        if (failure != null) {
            audit.recordFor(editor.username, ClientAddress.of(context), AuditAction.SIGN_IN_FAILED, editor.username,
                    (desk ? "desk: " : "API: ") + failure);
            throw new AuthenticationFailedException("wrong name or password");
        }
        attempts.clear(LIMIT.kind(), subject);
        if (desk) {
            sessions.open(editor.username, context);
            QuarkusTransaction.requiringNew().run(() -> Editor.signedIn(editor.id, clock.instant()));
            audit.recordFor(editor.username, ClientAddress.of(context), AuditAction.SIGN_IN, editor.username,
                    editor.secondFactorOn() ? "with a second factor" : "with a password");
        }
        return identity(editor);
    }

    /** The account a login cookie names, if it is still enabled and its desk session still open. */
    SecurityIdentity withCookie(String username, RoutingContext context) {
        Optional<Editor> editor = QuarkusTransaction.requiringNew().call(() -> Editor.findByUsername(username));
        if (editor.isEmpty() || editor.get().disabled || !sessions.isOpen(username, context)) {
            // Cleared with the redirect to the login page, which would otherwise meet the same cookie and redirect
            // again.
            if (context != null) {
                sessions.forgetLogin(context);
            }
            throw new AuthenticationFailedException("the session has ended");
        }
        return identity(editor.get());
    }

    /**
     * Why the API refuses the password, or null. An account with a second factor takes tokens only: its password is not
     * even compared, so that the answer tells nothing about it. Every refusal costs one bcrypt hash, like a wrong
     * password, so that its time tells nothing either.
     */
    private String checkApi(Editor editor, String typed) {
        if (editor.disabled || editor.secondFactorOn()) {
            BcryptUtil.matches(typed, NO_ACCOUNT);
            return editor.disabled ? "the account is disabled" : "the second factor is on: the API takes an API token";
        }
        return verified.matches(editor.username, typed.toCharArray(), editor.password) ? null : "wrong password";
    }

    /**
     * Why the desk refuses the sign-in, or null. The password is always hashed in full (no remembered match), so that a
     * right password followed by a wrong code takes as long as a wrong password. Wrong codes are also counted per
     * account, whatever the address: ten in the window, and the account's codes are not even looked at.
     */
    private String checkDesk(Editor editor, String typed, RoutingContext context) {
        boolean right = BcryptUtil.matches(typed, editor.password);
        if (editor.disabled) {
            return "the account is disabled";
        }
        if (!right) {
            return "wrong password";
        }
        if (!editor.secondFactorOn()) {
            return null;
        }
        String code = context.request().getFormAttribute(CODE_FIELD);
        if (code == null || code.isBlank()) {
            return "right password, no second-factor code";
        }
        if (attempts.blockedUntil(CODE_LIMIT, editor.username).isPresent()) {
            return "right password, too many wrong second-factor codes for this account";
        }
        if (!secondFactors.accept(editor, code, ClientAddress.of(context))) {
            attempts.record(CODE_LIMIT.kind(), editor.username);
            return "right password, wrong second-factor code";
        }
        attempts.clear(CODE_LIMIT.kind(), editor.username);
        return null;
    }

    /** What the sign-in limit counts: an account from a client address. */
    static String throttled(String username, RoutingContext context) {
        return username.toLowerCase(java.util.Locale.ROOT) + "\n" + ClientAddress.of(context);
    }

    private static boolean isDeskLogin(RoutingContext context) {
        return context != null && context.request().method() == HttpMethod.POST
                && context.normalizedPath().equals("/editor/login");
    }

    /**
     * The account's role and those below it; none, while a second factor it must have is off, so that it may only reach
     * its own account page to turn it on.
     */
    private SecurityIdentity identity(Editor editor) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(editor.username));
        if (editor.secondFactorRequired(config.accounts()) && !editor.secondFactorOn()) {
            builder.addAttribute(Roles.SECOND_FACTOR_MISSING, Boolean.TRUE);
        } else {
            builder.addRoles(Roles.granted(editor.role));
        }
        return builder.build();
    }
}
