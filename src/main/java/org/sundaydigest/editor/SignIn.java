package org.sundaydigest.editor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import io.vertx.core.http.Cookie;
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

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String credentialCookie;

    private final VerifiedPasswords verified = new VerifiedPasswords();

    SecurityIdentity withPassword(String username, char[] password, RoutingContext context) {
        String subject = username.toLowerCase(java.util.Locale.ROOT) + "\n" + ClientAddress.of(context);
        // Counted before the password is even looked at; a right one takes the count back below.
        Optional<Instant> blocked = attempts.attempt(LIMIT, subject);
        if (blocked.isPresent()) {
            TooManyAttempts.answer(context, Duration.between(clock.instant(), blocked.get()));
            throw new AuthenticationFailedException("too many failed sign-ins");
        }
        Optional<Editor> found = QuarkusTransaction.requiringNew().call(() -> Editor.findByUsername(username));
        boolean desk = isDeskLogin(context);
        String failure = found.isEmpty() ? "no such account" : check(found.get(), password, desk, context);
        if (found.isEmpty()) {
            BcryptUtil.matches(new String(password), NO_ACCOUNT);
        }
        Arrays.fill(password, '\0');
        if (failure != null) {
            audit.recordFor(username, AuditAction.SIGN_IN_FAILED, username, (desk ? "desk: " : "API: ") + failure);
            throw new AuthenticationFailedException("wrong name or password");
        }
        attempts.clear(LIMIT.kind(), subject);
        Editor editor = found.get();
        if (desk) {
            sessions.open(editor.username, context);
            QuarkusTransaction.requiringNew()
                    .run(() -> Editor.update("lastLoginAt = ?1 where id = ?2", clock.instant(), editor.id));
            audit.recordFor(editor.username, AuditAction.SIGN_IN, editor.username,
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
                context.response().addCookie(Cookie.cookie(credentialCookie, "").setPath("/").setMaxAge(0));
            }
            throw new AuthenticationFailedException("the session has ended");
        }
        return identity(editor.get());
    }

    /** Why the credentials are refused, or null when they are good. */
    private String check(Editor editor, char[] password, boolean desk, RoutingContext context) {
        if (editor.disabled) {
            return "the account is disabled";
        }
        String typed = new String(password);
        if (!desk && ApiTokens.looksLikeToken(typed)
                && QuarkusTransaction.requiringNew().call(() -> ApiTokens.use(editor.id, typed, clock.instant()))) {
            return null;
        }
        if (!verified.matches(editor.username, password, editor.password)) {
            return "wrong password";
        }
        if (!editor.secondFactorOn()) {
            return null;
        }
        if (!desk) {
            return "the second factor is on: the API takes an API token";
        }
        String code = context.request().getFormAttribute(CODE_FIELD);
        if (code == null || code.isBlank()) {
            return "right password, no second-factor code";
        }
        return secondFactors.accept(editor.id, code) ? null : "right password, wrong second-factor code";
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
        boolean mustHaveSecondFactor = config.accounts().requireSecondFactor() && !Roles.VIEWER.equals(editor.role);
        if (mustHaveSecondFactor && !editor.secondFactorOn()) {
            builder.addAttribute(Roles.SECOND_FACTOR_MISSING, Boolean.TRUE);
        } else {
            builder.addRoles(Roles.granted(editor.role));
        }
        return builder.build();
    }
}
