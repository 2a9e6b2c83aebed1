package org.sundaydigest.subscriber;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

/**
 * The reader's own page, reached with the per-reader token of every digest: their address, name, sections and status, a
 * form to change name and sections, and a way out. GET changes nothing (mail scanners follow links); the form works
 * without JavaScript. The token is the reader's key, as it is for the one-click link, so no login or cookie is needed.
 */
@Path("/preferences")
@Produces(MediaType.TEXT_HTML)
class PreferencesPage {

    /** How long "Pause for four weeks" pauses. */
    static final Duration PAUSE = Duration.ofDays(28);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** The reader as their page shows them; {@code pausedUntil} the day their pause ends, or null. */
    record Reader(String email, String name, Set<String> sections, SubscriberStatus status, String pausedUntil) {

        static Reader of(Subscriber subscriber, Instant pausedUntil) {
            return new Reader(subscriber.email, subscriber.name == null ? "" : subscriber.name,
                    Set.copyOf(subscriber.sections), subscriber.status,
                    pausedUntil == null ? null : DAY.format(pausedUntil));
        }

        public boolean chose(String section) {
            return sections.stream().anyMatch(section::equalsIgnoreCase);
        }

        public boolean active() {
            return status == SubscriberStatus.ACTIVE;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance preferences(String token, Reader reader, List<String> sections, boolean saved,
                String nameError, String sectionsError);

        static native TemplateInstance unknown();
    }

    @Inject
    DigestConfig config;

    @Inject
    Validator validator;

    @Inject
    SubscriptionService subscriptions;

    @GET
    public Response page(@QueryParam("token") String token) {
        return subscriptions.preferences(token)
                .map(reader -> Response.ok(Templates.preferences(token, reader, config.sections(), false, null, null)))
                .orElseGet(() -> Response.status(404).entity(Templates.unknown())).build();
    }

    @POST
    public Response save(@QueryParam("token") String token, @RestForm String name, @RestForm List<String> sections,
            HttpServerRequest request) {
        PreferencesRequest change = new PreferencesRequest(name, sections);
        Set<ConstraintViolation<PreferencesRequest>> violations = validator.validate(change);
        if (!violations.isEmpty()) {
            return subscriptions.preferences(token).map(reader -> {
                Reader typed = new Reader(reader.email(), name == null ? "" : name,
                        sections == null ? Set.of() : Set.copyOf(sections), reader.status(), reader.pausedUntil());
                return Response.status(400).entity(Templates.preferences(token, typed, config.sections(), false,
                        messageFor(violations, "name"), messageFor(violations, "sections")));
            }).orElseGet(() -> Response.status(404).entity(Templates.unknown())).build();
        }
        return subscriptions.changePreferences(token, change, RequestOrigin.of(request, Channel.WEB))
                .map(reader -> Response.ok(Templates.preferences(token, reader, config.sections(), true, null, null)))
                .orElseGet(() -> Response.status(404).entity(Templates.unknown())).build();
    }

    /** "Pause for four weeks" ({@code pause=true}) and "Resume now". */
    @POST
    @Path("pause")
    public Response pause(@QueryParam("token") String token, @RestForm boolean pause, HttpServerRequest request) {
        return subscriptions.pause(token, pause, RequestOrigin.of(request, Channel.WEB))
                .map(reader -> Response.ok(Templates.preferences(token, reader, config.sections(), true, null, null)))
                .orElseGet(() -> Response.status(404).entity(Templates.unknown())).build();
    }

    private static String messageFor(Set<ConstraintViolation<PreferencesRequest>> violations, String field) {
        return violations.stream().filter(v -> v.getPropertyPath().toString().startsWith(field)).findFirst()
                .map(ConstraintViolation::getMessage).orElse(null);
    }
}
