package org.sundaydigest.web;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds every request body but an import's to 1 MB. The server as a whole takes bodies up to the import's limit, and
 * most resources read a body into memory: without this, anyone could make the service hold hundreds of megabytes per
 * request. A body of unknown length is refused outside the imports, since its size could only be known too late.
 */
@ApplicationScoped
class BodyLimit {

    static final long MAX = 1024 * 1024;
    private static final List<String> LARGE = List.of("/api/subscribers/imports", "/editor/imports");
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    void register(@Observes Filters filters) {
        filters.register(this::limit, 2100);
    }

    private void limit(RoutingContext context) {
        String path = CrossSiteGuard.routedPath(context);
        if (!WITH_BODY.contains(context.request().method()) || LARGE.stream().anyMatch(path::startsWith)) {
            context.next();
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            refuse(context, 411, "Length Required", "A request body needs a Content-Length here.");
            return;
        }
        if (length != null && tooLong(length)) {
            refuse(context, 413, "Request Entity Too Large", "A request body may be at most 1 MB here.");
            return;
        }
        context.next();
    }

    private static boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > MAX;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void refuse(RoutingContext context, int status, String title, String detail) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end("{\"type\":\"about:blank\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
