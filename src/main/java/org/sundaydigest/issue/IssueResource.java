package org.sundaydigest.issue;

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
import org.sundaydigest.web.CsvDownload;
import org.sundaydigest.web.Problem;
import org.sundaydigest.web.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;

/** Editors' handle on the issues: status, curation, preview, checks, test sends, sends and retries. */
@Path("/api/digests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.EDITOR)
class IssueResource {

    record CurationRequest(@Size(max = 200) String subject, @Size(max = 2000) String editorNote,
            @Size(max = 100) List<@NotNull Long> pinned, @Size(max = 100) List<@NotNull Long> excluded) {
    }

    record TestRequest(@NotEmpty @Size(max = 10) List<@EmailAddress String> to) {
    }

    /** Where a send stands; {@code awaitingApproval} says whose approval it waits for, when it does. */
    record SendAnswer(LocalDate date, IssueStatus status, boolean started, String awaitingApproval,
            Sending.Progress delivery) {

        static SendAnswer of(IssueViews.Send send) {
            SendStart start = send.start();
            return new SendAnswer(send.date(), start.status(), start.result() == SendStart.Result.STARTED,
                    start.result() == SendStart.Result.AWAITING_APPROVAL ? start.reasons().get(0) : null,
                    send.delivery());
        }
    }

    @Inject
    IssueService issues;

    @Inject
    IssueApprovals approvals;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public List<IssueViews.Summary> list() {
        return issues.list();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("{date}")
    public IssueViews.Detail get(@PathParam("date") String date) {
        return issues.detail(parse(date));
    }

    @PUT
    @Path("{date}")
    @Consumes(MediaType.APPLICATION_JSON)
    public IssueViews.Detail curate(@PathParam("date") String date, @Valid @NotNull CurationRequest body) {
        return issues.curate(parse(date),
                new Curation(body.subject(), body.editorNote(), body.pinned(), body.excluded()),
                identity.getPrincipal().getName());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("{date}/preview")
    @Produces({ MediaType.TEXT_HTML, MediaType.TEXT_PLAIN })
    public Response preview(@PathParam("date") String date, @QueryParam("format") String format,
            @QueryParam("subscriber") Long subscriberId) {
        boolean text = "text".equalsIgnoreCase(format);
        if (!text && format != null && !format.isBlank() && !"html".equalsIgnoreCase(format)) {
            throw ProblemException.invalidField("format", "must be html or text");
        }
        IssueRenderer.Rendered copy = issues.preview(parse(date), subscriberId);
        return text ? Response.ok(copy.text(), MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build()
                : Response.ok(copy.html(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("{date}/checks")
    public IssueViews.Checks checks(@PathParam("date") String date) {
        return issues.checks(parse(date));
    }

    @POST
    @Path("{date}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> test(@PathParam("date") String date, @Valid @NotNull TestRequest body) {
        issues.sendTest(parse(date), body.to());
        return Map.of("sentTo", body.to());
    }

    /** Starts or resumes sending; a second call, or one after the scheduled start, sends nobody a second copy. */
    @POST
    @Path("{date}/send")
    public Response send(@PathParam("date") String date) {
        IssueViews.Send send = issues.send(parse(date), identity.getPrincipal().getName());
        SendStart start = send.start();
        if (start.result() == SendStart.Result.NOT_READY) {
            throw new ProblemException(new Problem("about:blank", "Not ready to send", 409,
                    "The issue of " + send.date() + " cannot be sent: " + String.join(" ", start.reasons()),
                    start.reasons().stream().map(reason -> new Problem.FieldError("issue", reason)).toList()));
        }
        return Response.accepted(SendAnswer.of(send)).build();
    }

    /** A second account's approval ({@code DIGEST_SEND_APPROVAL}); a send that waited for it starts. */
    @POST
    @Path("{date}/approve")
    public SendAnswer approve(@PathParam("date") String date) {
        return SendAnswer.of(approvals.approve(parse(date), identity.getPrincipal().getName()));
    }

    /** Puts the recipients that failed, and are still subscribed, back in line. */
    @POST
    @Path("{date}/retry-failed")
    public Response retryFailed(@PathParam("date") String date) {
        LocalDate sendDate = parse(date);
        return Response.accepted(issues.retryFailed(sendDate).orElseThrow(() -> noIssue(sendDate))).build();
    }

    /** Every recipient of the issue with their outcome, streamed. */
    @GET
    @Path("{date}/deliveries.csv")
    @Produces("text/csv")
    public Response deliveries(@PathParam("date") String date) {
        LocalDate sendDate = parse(date);
        return CsvDownload.of("deliveries-" + sendDate + ".csv",
                issues.deliveries(sendDate).orElseThrow(() -> noIssue(sendDate)));
    }

    private static ProblemException noIssue(LocalDate date) {
        return ProblemException.notFound("There is no issue of " + date + " yet.");
    }

    static LocalDate parse(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("date", "must be a date such as 2026-11-29");
        }
    }
}
