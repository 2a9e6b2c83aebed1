package org.sundaydigest.subscriber;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/**
 * The unsubscribe link. GET only shows a button, because mail scanners follow links; POST unsubscribes and is also the
 * RFC 8058 one-click target, so it needs no cookie, no login and no CSRF token, and answers 200 without a redirect.
 */
@Path("/unsubscribe")
@Produces(MediaType.TEXT_HTML)
class UnsubscribePage {

    static final String ONE_CLICK_FIELD = "List-Unsubscribe";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(String token, String email);

        static native TemplateInstance done(String email);

        static native TemplateInstance unknown();
    }

    @Inject
    SubscriptionService subscriptions;

    @GET
    public Response page(@QueryParam("token") String token) {
        return Subscriber.findByUnsubscribeToken(token).map(s -> Response.ok(Templates.confirm(token, s.email)))
                .orElseGet(() -> Response.status(404).entity(Templates.unknown())).build();
    }

    @POST
    public Response unsubscribe(@QueryParam("token") String token, @RestForm(ONE_CLICK_FIELD) String oneClick,
            HttpServerRequest request) {
        Channel channel = "One-Click".equals(oneClick) ? Channel.ONE_CLICK : Channel.WEB;
        return subscriptions.unsubscribe(token, RequestOrigin.of(request, channel))
                .map(email -> Response.ok(Templates.done(email)))
                .orElseGet(() -> Response.status(404).entity(Templates.unknown())).build();
    }
}
