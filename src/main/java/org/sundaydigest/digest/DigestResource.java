package org.sundaydigest.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.sundaydigest.common.EmailAddress;
import org.sundaydigest.common.ProblemException;
import org.sundaydigest.common.Roles;
import org.sundaydigest.subscriber.Subscriber;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Editors' handle on the issues: status, curation, preview, checks and test sends. */
@Path("/api/digests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.EDITOR)
class DigestResource {

    record CurationRequest(@Size(max = 200) String subject, @Size(max = 2000) String editorNote,
            @Size(max = 100) List<@NotNull Long> pinned, @Size(max = 100) List<@NotNull Long> excluded) {
    }

    record TestRequest(@NotEmpty @Size(max = 10) List<@EmailAddress String> to) {
    }

    record IssueSummary(LocalDate date, IssueStatus status, String subject, Instant sendingStartedAt, Instant sentAt) {
        static IssueSummary of(Issue issue) {
            return new IssueSummary(issue.sendDate, issue.status, issue.subject, issue.sendingStartedAt, issue.sentAt);
        }
    }

    record IssueDetail(LocalDate date, IssueStatus status, String subject, Instant windowStart, Instant windowEnd,
            int articles, String leadTitle, Curation curation, Instant sendingStartedAt, Instant sentAt) {
    }

    record ChecksView(boolean ready, List<Check> checks) {
    }

    @Inject
    DigestService digests;

    @Inject
    DigestRenderer renderer;

    @GET
    public List<IssueSummary> list() {
        return QuarkusTransaction.requiringNew()
                .call(() -> Issue.newestFirst().stream().map(IssueSummary::of).toList());
    }

    @GET
    @Path("{date}")
    public IssueDetail get(@PathParam("date") String date) {
        return detail(parse(date));
    }

    @PUT
    @Path("{date}")
    @Consumes(MediaType.APPLICATION_JSON)
    public IssueDetail curate(@PathParam("date") String date, @Valid @NotNull CurationRequest body) {
        LocalDate sendDate = parse(date);
        digests.curate(sendDate, new Curation(body.subject(), body.editorNote(), body.pinned(), body.excluded()));
        return detail(sendDate);
    }

    @GET
    @Path("{date}/preview")
    @Produces({ MediaType.TEXT_HTML, MediaType.TEXT_PLAIN })
    public Response preview(@PathParam("date") String date, @QueryParam("format") String format,
            @QueryParam("subscriber") Long subscriberId) {
        DigestContent content = digests.content(parse(date));
        DigestRenderer.Rendered copy;
        if (subscriberId == null) {
            copy = renderer.forReaders(content, List.of()).personalize(DigestRenderer.SAMPLE_EMAIL,
                    renderer.unsubscribeUrl(DigestRenderer.SAMPLE_TOKEN));
        } else {
            Subscriber reader = QuarkusTransaction.requiringNew()
                    .call(() -> Subscriber.<Subscriber> findByIdOptional(subscriberId))
                    .orElseThrow(() -> ProblemException.notFound("No subscriber with id " + subscriberId + "."));
            copy = renderer.forReaders(content, reader.sections).personalize(reader.email,
                    renderer.unsubscribeUrl(reader.unsubscribeToken));
        }
        if ("text".equalsIgnoreCase(format)) {
            return Response.ok(copy.text(), MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
        }
        if (format != null && !format.isBlank() && !"html".equalsIgnoreCase(format)) {
            throw ProblemException.invalidField("format", "must be html or text");
        }
        return Response.ok(copy.html(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    @GET
    @Path("{date}/checks")
    public ChecksView checks(@PathParam("date") String date) {
        List<Check> checks = digests.checks(parse(date));
        return new ChecksView(PreSendChecks.failures(checks).isEmpty(), checks);
    }

    @POST
    @Path("{date}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> test(@PathParam("date") String date, @Valid @NotNull TestRequest body) {
        digests.sendTest(parse(date), body.to());
        return Map.of("sentTo", body.to());
    }

    private IssueDetail detail(LocalDate date) {
        DigestContent content = digests.content(date);
        return QuarkusTransaction.requiringNew().call(() -> {
            Issue issue = Issue.forDate(date).orElse(null);
            return new IssueDetail(date, issue == null ? IssueStatus.DRAFT : issue.status, content.subject(),
                    content.windowStart(), content.windowEnd(), content.articles().size(),
                    content.lead() == null ? null : content.lead().title(),
                    issue == null ? Curation.NONE : issue.curation(), issue == null ? null : issue.sendingStartedAt,
                    issue == null ? null : issue.sentAt);
        });
    }

    static LocalDate parse(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("date", "must be a date such as 2026-11-29");
        }
    }
}
