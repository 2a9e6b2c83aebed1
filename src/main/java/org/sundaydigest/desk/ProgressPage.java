package org.sundaydigest.desk;

import java.net.URI;
import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.sundaydigest.common.Roles;
import org.sundaydigest.editor.EditorCsrf;
import org.sundaydigest.editor.EditorSession;
import org.sundaydigest.issue.IssueService;
import org.sundaydigest.issue.IssueViews;
import org.sundaydigest.web.CsvDownload;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** A send in progress: its bar and counters, polled as JSON, its failures, a retry, and every recipient as CSV. */
@Path("/editor")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.EDITOR)
class ProgressPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance progress(DeskViews.Desk desk, DeskViews.ProgressView progress);
    }

    @Inject
    EditorSession session;

    @Inject
    IssueDesk desk;

    @Inject
    IssueService issues;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("issues/{date}/progress")
    public TemplateInstance progress(@PathParam("date") String date, @QueryParam("retried") Integer retried) {
        String notice = retried == null ? null
                : retried + (retried == 1 ? " recipient is" : " recipients are") + " back in line.";
        return Templates.progress(DeskViews.desk(session, "week"),
                desk.progress(DeskFormat.issueDate(date), notice).orElseThrow(() -> noIssue(date)));
    }

    /** The counters the progress page polls. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("issues/{date}/progress.json")
    @Produces(MediaType.APPLICATION_JSON)
    public DeskViews.ProgressView progressJson(@PathParam("date") String date) {
        return desk.progress(DeskFormat.issueDate(date), null).orElseThrow(() -> noIssue(date));
    }

    @POST
    @Path("issues/{date}/retry-failed")
    public Response retryFailed(@PathParam("date") String date, @RestForm(EditorCsrf.FIELD) String csrf) {
        session.requireCsrf(csrf);
        LocalDate sendDate = DeskFormat.issueDate(date);
        IssueViews.Retry retry = issues.retryFailed(sendDate).orElseThrow(() -> noIssue(date));
        return Response.seeOther(URI.create("/editor/issues/" + sendDate + "/progress?retried=" + retry.retried()))
                .build();
    }

    @GET
    @Path("issues/{date}/deliveries.csv")
    @Produces("text/csv")
    public Response deliveries(@PathParam("date") String date) {
        LocalDate sendDate = DeskFormat.issueDate(date);
        return CsvDownload.of("deliveries-" + sendDate + ".csv",
                issues.deliveries(sendDate).orElseThrow(() -> noIssue(date)));
    }

    private static NotFoundException noIssue(String date) {
        return new NotFoundException("There is no issue of " + date + " yet.");
    }
}
