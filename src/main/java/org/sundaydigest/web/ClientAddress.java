package org.sundaydigest.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The address a request came from, as limits and the consent record see it. Behind a proxy it is the client's only when
 * Quarkus is told to believe the proxy ({@code QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING} with
 * {@code QUARKUS_HTTP_PROXY_TRUSTED_PROXIES}, see docs/operations.md); otherwise {@code X-Forwarded-For} is ignored.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(RoutingContext context) {
        return context == null ? "unknown" : of(context.request());
    }

    public static String of(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
