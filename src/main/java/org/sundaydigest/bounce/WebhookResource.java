package org.sundaydigest.bounce;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Where mail systems report bounces and complaints. Callers are not editors: each call proves itself by the signature
 * or the credentials of its webhook. The answer says how many events came, never which readers they matched.
 */
@Path("/api/webhooks")
@PermitAll
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
class WebhookResource {

    @Inject
    Webhooks webhooks;

    @POST
    @Path("bounces")
    public Response bounces(byte[] body, @HeaderParam("X-Digest-Signature") String signature) {
        return Response.accepted(received(webhooks.generic(body, signature))).build();
    }

    @POST
    @Path("ses")
    public Map<String, Integer> ses(byte[] body) {
        return received(webhooks.ses(body));
    }

    @POST
    @Path("postmark")
    public Map<String, Integer> postmark(byte[] body, @HeaderParam("Authorization") String authorization) {
        return received(webhooks.postmark(body, authorization));
    }

    @POST
    @Path("mailgun")
    public Map<String, Integer> mailgun(byte[] body) {
        return received(webhooks.mailgun(body));
    }

    @POST
    @Path("sendgrid")
    public Map<String, Integer> sendgrid(byte[] body,
            @HeaderParam("X-Twilio-Email-Event-Webhook-Signature") String signature,
            @HeaderParam("X-Twilio-Email-Event-Webhook-Timestamp") String timestamp) {
        return received(webhooks.sendgrid(body, signature, timestamp));
    }

    private static Map<String, Integer> received(int events) {
        return Map.of("received", events);
    }
}
