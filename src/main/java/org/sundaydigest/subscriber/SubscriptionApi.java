package org.sundaydigest.subscriber;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.sundaydigest.web.Problem;

import io.vertx.core.http.HttpServerRequest;

/** Sign-up for programs: the same double opt-in as the form, answered the same for every valid address. */
@Path("/api/subscriptions")
@PermitAll
class SubscriptionApi {

    @Inject
    SubscriptionService subscriptions;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response subscribe(@Valid @NotNull SubscriptionRequest body, HttpServerRequest http) {
        try {
            subscriptions.subscribe(body, RequestOrigin.of(http, Channel.API));
        } catch (SignUpLimit.Reached reached) {
            return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", reached.retryAfterSeconds())
                    .entity(Problem.of(429, "Too many sign-ups", "Too many sign-ups came from this client address"
                            + " just now; try again in " + reached.retryAfterSeconds() + " seconds."))
                    .build();
        }
        return Response.accepted(Map.of("status", "pending")).build();
    }
}
