package org.sundaydigest.subscriber;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.sundaydigest.common.Roles;
import org.sundaydigest.web.ProblemException;
import org.sundaydigest.web.QueryParams;

/** Editors' view of the readers, and erasure on request. */
@Path("/api/subscribers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.EDITOR)
class SubscriberResource {

    record Summary(long id, String email, String name, SubscriberStatus status, Set<String> sections, Instant createdAt,
            Instant confirmedAt, Instant unsubscribedAt) {
        static Summary of(Subscriber s) {
            return new Summary(s.id, s.email, s.name, s.status, Set.copyOf(s.sections), s.createdAt, s.confirmedAt,
                    s.unsubscribedAt);
        }
    }

    record Consent(String type, Instant at, Channel channel, String ip, String userAgent, String consentVersion,
            String detail) {
    }

    record Detail(Summary subscriber, List<Consent> consent) {
    }

    record PageOf(List<Summary> items, int page, int size, long total) {
    }

    @Inject
    SubscriptionService subscriptions;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public PageOf list(@QueryParam("status") String status, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        Optional<SubscriberStatus> wanted = parseStatus(status);
        int pageIndex = QueryParams.intParam("page", page, 0, 0, QueryParams.MAX_PAGE);
        int pageSize = QueryParams.intParam("size", size, 50, 1, 500);
        List<Summary> items = Subscriber.page(wanted, pageIndex, pageSize).stream().map(Summary::of).toList();
        return new PageOf(items, pageIndex, pageSize, Subscriber.countWith(wanted));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("{id}")
    public Detail get(@PathParam("id") long id) {
        Subscriber s = Subscriber.<Subscriber> findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No subscriber with id " + id + "."));
        List<Consent> consent = s.consentEvents.stream().map(
                e -> new Consent(e.type.name(), e.occurredAt, e.channel, e.ip, e.userAgent, e.consentVersion, e.detail))
                .toList();
        return new Detail(Summary.of(s), consent);
    }

    /** Erasure (GDPR Art. 17): the reader and their consent record go; a hash of the address stays suppressed. */
    @DELETE
    @Path("{id}")
    public Response erase(@PathParam("id") long id) {
        if (!subscriptions.erase(id)) {
            throw ProblemException.notFound("No subscriber with id " + id + ".");
        }
        return Response.noContent().build();
    }

    private static Optional<SubscriberStatus> parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SubscriberStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status", "must be one of PENDING, ACTIVE, UNSUBSCRIBED, BOUNCED");
        }
    }
}
