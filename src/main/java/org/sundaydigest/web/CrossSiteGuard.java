package org.sundaydigest.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.sundaydigest.common.DigestConfig;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses state-changing requests to {@code /api} that another site's page could make with an editor's cached Basic
 * credentials: a foreign {@code Origin}, a {@code Sec-Fetch-Site} of {@code cross-site} or {@code same-site}, or a body
 * a plain HTML form can send. The public sign-up and the webhooks are exempt; the sign-up answers CORS for the
 * publisher's own origins ({@code DIGEST_CORS_ORIGINS}). Only requests that carry credentials are looked at: the API
 * knows no other way in, and without them the answer is the usual {@code 401}.
 */
@ApplicationScoped
class CrossSiteGuard {

    static final String SIGNUP = "/api/subscriptions";
    private static final Set<HttpMethod> CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE,
            HttpMethod.PATCH);
    private static final List<String> FORM_TYPES = List.of("application/x-www-form-urlencoded", "multipart/form-data",
            "text/plain");

    @Inject
    DigestConfig config;

    private String ownOrigin;

    void register(@Observes Filters filters) {
        ownOrigin = origin(config.publicUrl());
        filters.register(this::guard, 2000);
    }

    private void guard(RoutingContext context) {
        String path = routedPath(context);
        if (!path.startsWith("/api/")) {
            context.next();
            return;
        }
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        if (path.equals(SIGNUP)) {
            cors(context, origin);
            return;
        }
        // Without credentials nothing can change anyway, and the answer stays the usual 401.
        if (!CHANGING.contains(context.request().method()) || path.startsWith("/api/webhooks/")
                || context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            context.next();
            return;
        }
        String refusal = refusal(context, origin);
        if (refusal == null) {
            context.next();
            return;
        }
        context.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end("{\"type\":\"about:blank\",\"title\":\"Cross-site request refused\",\"status\":403,\"detail\":\""
                        + refusal + "\"}");
    }

    /** Why the request looks like one another site made, or null when it does not. */
    private String refusal(RoutingContext context, String origin) {
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin)) {
            return "Requests that change something are not taken from another site's pages (Origin).";
        }
        String site = context.request().getHeader("Sec-Fetch-Site");
        if (site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))) {
            return "Requests that change something are not taken from another site's pages (Sec-Fetch-Site).";
        }
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null) {
            String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (FORM_TYPES.contains(media)) {
                return "The API takes JSON (or no body), not " + media + ".";
            }
        }
        return null;
    }

    /** The sign-up may be called from the publisher's own pages: preflights answered, the origin echoed. */
    private void cors(RoutingContext context, String origin) {
        boolean allowed = origin != null
                && config.corsOrigins().orElse(List.of()).stream().anyMatch(o -> origin.equalsIgnoreCase(origin(o)));
        if (allowed) {
            context.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin");
        }
        if (context.request().method() == HttpMethod.OPTIONS && origin != null) {
            if (allowed) {
                context.response().putHeader("Access-Control-Allow-Methods", "POST")
                        .putHeader("Access-Control-Allow-Headers", "Content-Type")
                        .putHeader("Access-Control-Max-Age", "600");
            }
            context.response().setStatusCode(allowed ? 204 : 403).end();
            return;
        }
        context.next();
    }

    /**
     * The path as the resources are matched against it: without matrix parameters ({@code /api;x=1/…}) and repeated
     * slashes, which would otherwise slip a request past a prefix test and still reach the resource.
     */
    static String routedPath(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.indexOf(';') < 0 && !path.contains("//")) {
            return path;
        }
        return MULTIPLE_SLASHES.matcher(MATRIX.matcher(path).replaceAll("")).replaceAll("/");
    }

    private static final Pattern MATRIX = Pattern.compile(";[^/]*");
    private static final Pattern MULTIPLE_SLASHES = Pattern.compile("/{2,}");

    /** scheme://host[:port] of a URL, lower-cased, the default port left out. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                    || (scheme.equals("http") && port == 80);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (RuntimeException e) {
            return url;
        }
    }
}
