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
import org.sundaydigest.common.Text;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/** The readers' sign-up form and the confirmation link. */
@Path("/subscribe")
@Produces(MediaType.TEXT_HTML)
class SubscribePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(List<String> sections, FormValues values, FormErrors errors,
                boolean tryLater, String networkKeptFor, String pendingKeptFor);

        static native TemplateInstance confirm(String token);

        static native TemplateInstance linkUsed();

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
        return form(new FormValues("", "", Set.of()), FormErrors.NONE, false);
    }

    /** A filled-in honeypot ({@code website}, hidden from people) gets the usual answer, and nothing is done. */
    @POST
    public Response subscribe(@RestForm String email, @RestForm String name, @RestForm List<String> sections,
            @RestForm String website, HttpServerRequest request) {
        if (website != null && !website.isEmpty()) {
            return Response.ok(Templates.checkInbox()).build();
        }
        SubscriptionRequest subscription = new SubscriptionRequest(email, name, sections);
        Set<ConstraintViolation<SubscriptionRequest>> violations = validator.validate(subscription);
        if (!violations.isEmpty()) {
            FormValues typed = new FormValues(email == null ? "" : email, name == null ? "" : name,
                    sections == null ? Set.of() : Set.copyOf(sections));
            return Response.status(400).entity(form(typed, errorsOf(violations), false)).build();
        }
        try {
            subscriptions.subscribe(subscription, RequestOrigin.of(request, Channel.WEB));
        } catch (SignUpLimit.Reached reached) {
            FormValues typed = new FormValues(subscription.email(), name == null ? "" : name,
                    Set.copyOf(subscription.sections()));
            return Response.status(429).header("Retry-After", reached.retryAfterSeconds())
                    .entity(form(typed, FormErrors.NONE, true)).build();
        }
        return Response.ok(Templates.checkInbox()).build();
    }

    /** Shows the Confirm button; changes nothing, because mail scanners open links. */
    @GET
    @Path("confirm")
    public Response confirmPage(@QueryParam("token") String token) {
        return answer(subscriptions.checkConfirmation(token), token, null);
    }

    /** Confirms the reader and spends the link. */
    @POST
    @Path("confirm")
    public Response confirm(@RestForm String token, HttpServerRequest request) {
        SubscriptionService.Confirmation confirmation = subscriptions.confirm(token,
                RequestOrigin.of(request, Channel.WEB));
        return answer(confirmation.outcome(), token, confirmation.unsubscribeToken());
    }

    private static Response answer(ConfirmOutcome outcome, String token, String unsubscribeToken) {
        return switch (outcome) {
        case AWAITING -> Response.ok(Templates.confirm(token)).build();
        case CONFIRMED -> Response.ok(Templates.confirmed(unsubscribeToken)).build();
        case ALREADY_ACTIVE -> Response.status(410).entity(Templates.linkUsed()).build();
        case EXPIRED -> Response.status(410).entity(Templates.linkExpired(token)).build();
        case UNKNOWN -> Response.status(404).entity(Templates.linkUnknown()).build();
        };
    }

    private TemplateInstance form(FormValues values, FormErrors errors, boolean tryLater) {
        return Templates.form(config.sections(), values, errors, tryLater,
                Text.inWords(config.retention().consentNetwork()), Text.inWords(config.retention().pending()));
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
