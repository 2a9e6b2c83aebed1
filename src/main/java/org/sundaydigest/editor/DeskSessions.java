package org.sundaydigest.editor;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.Hashing;
import org.sundaydigest.common.TokenGenerator;

import io.quarkus.scheduler.Scheduled;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/** Opens, checks and ends the editors' server-side sessions ({@link DeskSession}). */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class DeskSessions {

    public static final String COOKIE = "desk-session";

    /** The longest a session lasts, however active: a working day. */
    static final Duration LIFETIME = Duration.ofHours(12);

    @Inject
    Clock clock;

    @Inject
    TokenGenerator tokens;

    @Inject
    DigestConfig config;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String credentialCookie;

    /** A new session for the account, its cookie set on the response. */
    void open(String username, RoutingContext context) {
        String value = tokens.newToken();
        DeskSession session = new DeskSession();
        session.idHash = Hashing.sha256Hex(value);
        session.username = username;
        session.createdAt = clock.instant();
        session.persist();
        context.response().addCookie(cookie(value));
    }

    /** Whether the browser's session is open for this account. */
    boolean isOpen(String username, RoutingContext context) {
        Cookie cookie = context == null ? null : context.request().getCookie(COOKIE);
        return cookie != null && !cookie.getValue().isEmpty()
                && DeskSession.isOpen(Hashing.sha256Hex(cookie.getValue()), username, clock.instant().minus(LIFETIME));
    }

    /** Ends the browser's session and clears its cookie. */
    void end(RoutingContext context) {
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie != null) {
            DeskSession.deleteById(Hashing.sha256Hex(cookie.getValue()));
        }
        context.response().addCookie(cookie("").setMaxAge(0));
        forgetLogin(context);
    }

    /**
     * Clears the browser's login cookie: without its session it lets nobody in, and left in place it would send the
     * login page's visitor back to the login page.
     */
    @Transactional(TxType.NOT_SUPPORTED)
    void forgetLogin(RoutingContext context) {
        context.response().addCookie(Cookie.cookie(credentialCookie, "").setPath("/").setMaxAge(0).setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT));
    }

    /** Ends every session of the account, on every instance. */
    public void endAllOf(String username) {
        DeskSession.endAllOf(username);
    }

    /** Forgets sessions past their lifetime; idempotent, so every instance may run it. */
    @Scheduled(identity = "desk-session-purge", every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        DeskSession.delete("createdAt < ?1", clock.instant().minus(LIFETIME));
    }

    /** Secure whenever the service is reached over https, also behind a proxy that ends TLS. */
    private Cookie cookie(String value) {
        return Cookie.cookie(COOKIE, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(config.publicUrl().startsWith("https:"));
    }
}
