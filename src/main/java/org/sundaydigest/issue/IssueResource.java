package org.sundaydigest.issue;

import java.time.Clock;
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
import org.sundaydigest.common.Roles;
import org.sundaydigest.subscriber.Subscriber;
import org.sundaydigest.web.Problem;
import org.sundaydigest.web.ProblemException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Editors' handle on the issues: status, curation, preview, checks and test sends. */
@Path("/api/digests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.EDITOR)
class IssueResource {

    record CurationRequest(@Size(max = 200) String subject, @Size(max = 2000) String editorNote,
            @Size(max = 100) List<@NotNull Long> pinned, @Size(max = 100) List<@NotNull Long> excluded) {
    }

    record TestRequest(@NotEmpty @Size(max = 10) List<@EmailAddress String> to) {
    }

    record IssueSummary(LocalDate date, IssueStatus status, String subject, Instant sendingStartedAt, Instant sentAt,
            Sending.Progress delivery) {
    }

    record IssueDetail(LocalDate date, IssueStatus status, String subject, Instant windowStart, Instant windowEnd,
            int articles, String leadTitle, Curation curation, Instant sendingStartedAt, Instant sentAt,
            Sending.Progress delivery) {
    }

    record SendAnswer(LocalDate date, IssueStatus status, boolean started, Sending.Progress delivery) {
    }

    record RetryAnswer(LocalDate date, int retried, Sending.Progress delivery) {
    }

    record ChecksView(boolean ready, List<Check> checks) {
    }

    @Inject
    IssueService digests;

    @Inject
    IssueRenderer renderer;

    @Inject
    Sending sending;

    @Inject
    WeeklySend weeklySend;

    @Inject
    Clock clock;

    @GET
    public List<IssueSummary> list() {
        List<Issue> issues = QuarkusTransaction.requiringNew().call(Issue::newestFirst);
        return issues.stream().map(issue -> new IssueSummary(issue.sendDate, issue.status, issue.subject,
                issue.sendingStartedAt, issue.sentAt, sending.progress(issue.id))).toList();
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
        IssueContent content = digests.content(parse(date));
        IssueRenderer.Rendered copy;
        if (subscriberId == null) {
            copy = renderer.sample(content);
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

    /** Starts or resumes sending; a second call, or one after the scheduled start, sends nobody a second copy. */
    @POST
    @Path("{date}/send")
    public Response send(@PathParam("date") String date) {
        LocalDate sendDate = parse(date);
        SendStart start = weeklySend.start(sendDate);
        if (start.result() == SendStart.Result.NOT_READY) {
            throw new ProblemException(new Problem("about:blank", "Not ready to send", 409,
                    "The issue of " + sendDate + " cannot be sent: " + String.join(" ", start.reasons()),
                    start.reasons().stream().map(reason -> new Problem.FieldError("issue", reason)).toList()));
        }
        return Response.accepted(new SendAnswer(sendDate, start.status(), start.result() == SendStart.Result.STARTED,
                progressOf(sendDate))).build();
    }

    /** Puts the recipients that failed, and are still subscribed, back in line. */
    @POST
    @Path("{date}/retry-failed")
    public Response retryFailed(@PathParam("date") String date) {
        LocalDate sendDate = parse(date);
        Issue issue = existing(sendDate);
        int retried = QuarkusTransaction.requiringNew().call(() -> sending.retryFailed(issue.id, clock.instant()));
        if (retried > 0) {
            sending.wake();
        }
        return Response.accepted(new RetryAnswer(sendDate, retried, sending.progress(issue.id))).build();
    }

    /** Every recipient of the issue with their outcome, streamed. */
    @GET
    @Path("{date}/deliveries.csv")
    @Produces("text/csv")
    public Response deliveries(@PathParam("date") String date) {
        LocalDate sendDate = parse(date);
        Issue issue = existing(sendDate);
        return sending.csvDownload(issue.id, sendDate);
    }

    private Issue existing(LocalDate date) {
        return QuarkusTransaction.requiringNew().call(() -> Issue.forDate(date))
                .orElseThrow(() -> ProblemException.notFound("There is no issue of " + date + " yet."));
    }

    private Sending.Progress progressOf(LocalDate date) {
        return QuarkusTransaction.requiringNew().call(() -> Issue.forDate(date))
                .map(issue -> sending.progress(issue.id)).orElse(Sending.Progress.NONE);
    }

    private IssueDetail detail(LocalDate date) {
        IssueContent content = digests.content(date);
        return QuarkusTransaction.requiringNew().call(() -> {
            Issue issue = Issue.forDate(date).orElse(null);
            return new IssueDetail(date, issue == null ? IssueStatus.DRAFT : issue.status, content.subject(),
                    content.windowStart(), content.windowEnd(), content.articles().size(),
                    content.lead() == null ? null : content.lead().title(),
                    issue == null ? Curation.NONE : issue.curation(), issue == null ? null : issue.sendingStartedAt,
                    issue == null ? null : issue.sentAt,
                    issue == null ? Sending.Progress.NONE : sending.progress(issue.id));
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
