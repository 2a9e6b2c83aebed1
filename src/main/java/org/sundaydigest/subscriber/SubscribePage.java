package org.sundaydigest.subscriber;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.sundaydigest.common.DigestConfig;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/** The readers' sign-up form and the confirmation link. */
@Path("/subscribe")
@Produces(MediaType.TEXT_HTML)
class SubscribePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(List<String> sections, FormValues values, FormErrors errors);

        static native TemplateInstance checkInbox();

        static native TemplateInstance confirmed(String unsubscribeToken);

        static native TemplateInstance linkExpired(String token);

        static native TemplateInstance linkUnknown();
    }

    /** What the reader typed, shown again when the form comes back with an error. */
    record FormValues(String email, String name, Set<String> sections) {
        public boolean chose(String section) {
            return sections.contains(section);
        }
    }

    /** One message per field; {@code null} where the field is fine. */
    record FormErrors(String email, String name, String sections) {

        static final FormErrors NONE = new FormErrors(null, null, null);

        public boolean any() {
            return email != null || name != null || sections != null;
        }
    }

    @Inject
    DigestConfig config;

    @Inject
    Validator validator;

    @Inject
    SubscriptionService subscriptions;

    @GET
    public TemplateInstance form() {
        return Templates.form(config.sections(), new FormValues("", "", Set.of()), FormErrors.NONE);
    }

    @POST
    public Response subscribe(@RestForm String email, @RestForm String name, @RestForm List<String> sections,
            HttpServerRequest request) {
        SubscriptionRequest subscription = new SubscriptionRequest(email, name, sections);
        Set<ConstraintViolation<SubscriptionRequest>> violations = validator.validate(subscription);
        if (!violations.isEmpty()) {
            FormValues typed = new FormValues(email == null ? "" : email, name == null ? "" : name,
                    sections == null ? Set.of() : Set.copyOf(sections));
            return Response.status(400).entity(Templates.form(config.sections(), typed, errorsOf(violations))).build();
        }
        subscriptions.subscribe(subscription, RequestOrigin.of(request, Channel.WEB));
        return Response.ok(Templates.checkInbox()).build();
    }

    @GET
    @Path("confirm")
    public Response confirm(@QueryParam("token") String token, HttpServerRequest request) {
        SubscriptionService.Confirmation confirmation = subscriptions.confirm(token,
                RequestOrigin.of(request, Channel.WEB));
        return switch (confirmation.outcome()) {
        case CONFIRMED, ALREADY_ACTIVE -> Response.ok(Templates.confirmed(confirmation.unsubscribeToken())).build();
        case EXPIRED -> Response.status(410).entity(Templates.linkExpired(token)).build();
        case UNKNOWN -> Response.status(404).entity(Templates.linkUnknown()).build();
        };
    }

    @POST
    @Path("confirm/renew")
    public Response renew(@RestForm String token) {
        if (!subscriptions.renewConfirmation(token)) {
            return Response.status(404).entity(Templates.linkUnknown()).build();
        }
        return Response.ok(Templates.checkInbox()).build();
    }

    private static FormErrors errorsOf(Set<ConstraintViolation<SubscriptionRequest>> violations) {
        var byField = violations.stream().collect(Collectors.toMap(v -> v.getPropertyPath().iterator().next().getName(),
                ConstraintViolation::getMessage, (a, b) -> a));
        return new FormErrors(byField.get("email"), byField.get("name"), byField.get("sections"));
    }
}
