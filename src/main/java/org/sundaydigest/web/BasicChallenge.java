package org.sundaydigest.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Keeps the HTTP Basic challenge on the API's 401 answers. With the editors' login form enabled too, Quarkus runs Basic
 * in "silent" mode and answers 401 without {@code WWW-Authenticate}; browsers and clients then never ask for a
 * password.
 */
@ApplicationScoped
class BasicChallenge {

    static final String CHALLENGE = "Basic realm=\"Sunday Digest\", charset=\"UTF-8\"";

    void register(@Observes Filters filters) {
        filters.register(context -> {
            if (context.normalizedPath().startsWith("/api/")) {
                context.addHeadersEndHandler(v -> {
                    var response = context.response();
                    if (response.getStatusCode() == 401 && response.headers().get("WWW-Authenticate") == null) {
                        response.headers().set("WWW-Authenticate", CHALLENGE);
                    }
                });
            }
            context.next();
        }, 1000);
    }
}
