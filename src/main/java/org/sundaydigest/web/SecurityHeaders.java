package org.sundaydigest.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every answer carries: no MIME sniffing and no referrer anywhere (pages reached with a token must not hand it
 * to the sites they link to); a content policy with {@code frame-ancestors} on every HTML page; and no caching of the
 * desk, the API or exports, which hold readers' data.
 */
@ApplicationScoped
class SecurityHeaders {

    /** Scripts only from the service's own files; styles inline too (emails carry them); images from anywhere https. */
    static final String PAGE_POLICY = "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline';"
            + " script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    void register(@Observes Filters filters) {
        filters.register(this::add, 3000);
    }

    private void add(RoutingContext context) {
        String path = CrossSiteGuard.routedPath(context);
        context.addHeadersEndHandler(v -> {
            MultiMap headers = context.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            String type = headers.get("Content-Type");
            if (type != null && type.startsWith("text/html") && !headers.contains("Content-Security-Policy")) {
                headers.set("Content-Security-Policy", PAGE_POLICY);
            }
            // The reader's page and the way out show an address: no cache keeps them.
            boolean privateData = path.startsWith("/editor") || path.startsWith("/api/") || path.endsWith(".csv")
                    || path.startsWith("/preferences") || path.startsWith("/unsubscribe");
            if (privateData && !headers.contains("Cache-Control")) {
                headers.set("Cache-Control", "no-store");
            }
        });
        context.next();
    }
}
