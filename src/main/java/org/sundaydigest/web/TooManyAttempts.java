package org.sundaydigest.web;

import java.time.Duration;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns the answer to a refused sign-in into {@code 429 Too Many Requests} with {@code Retry-After}, whatever the
 * authentication mechanism would have answered (a {@code 401} challenge, a redirect to the login page). A browser is
 * sent on to the login page, which says when to try again.
 */
public final class TooManyAttempts {

    private TooManyAttempts() {
    }

    public static void answer(RoutingContext context, Duration wait) {
        if (context == null) {
            return;
        }
        long seconds = Math.max(1, wait.toSeconds() + 1);
        context.addHeadersEndHandler(v -> {
            context.response().setStatusCode(429);
            MultiMap headers = context.response().headers();
            headers.remove("Location");
            headers.remove("WWW-Authenticate");
            headers.set("Retry-After", Long.toString(seconds));
            if (context.normalizedPath().startsWith("/editor")) {
                headers.set("Refresh", "0; url=/editor/login?retryAfter=" + seconds);
            }
        });
    }

    /** Minutes, rounded up, for people. */
    public static long minutes(long seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }
}
