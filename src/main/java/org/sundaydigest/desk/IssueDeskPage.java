package org.sundaydigest.desk;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.sundaydigest.common.EmailAddress;
import org.sundaydigest.common.Roles;
import org.sundaydigest.editor.EditorCsrf;
import org.sundaydigest.editor.EditorSession;
import org.sundaydigest.issue.IssueRenderer;
import org.sundaydigest.issue.IssueService;
import org.sundaydigest.issue.SendStart;
import org.sundaydigest.web.ProblemException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The desk's "This week" tab and any issue's page: curation, preview, test send and send. */
@Path("/editor")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.EDITOR)
class IssueDeskPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance issue(DeskViews.Desk desk, DeskViews.IssuePage page);

        static native TemplateInstance confirmSend(DeskViews.Desk desk, DeskViews.IssuePage page, long readers,
                List<String> reasons);
    }

    record TestAddress(@EmailAddress String to) {
    }

    @Inject
    EditorSession session;

    @Inject
    IssueDesk desk;

    @Inject
    IssueService issues;

    @Inject
    Validator validator;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance thisWeek() {
        return Templates.issue(frame(), desk.thisWeek());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("issues/{date}")
    public TemplateInstance issue(@PathParam("date") String date, @QueryParam("saved") String saved) {
        return Templates.issue(frame(), desk.page(DeskFormat.issueDate(date),
                saved != null ? "Your changes are saved; the preview shows them." : null));
    }

    @POST
    @Path("issues/{date}/curation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response curate(@PathParam("date") String date, MultivaluedMap<String, String> form) {
        session.requireCsrf(form.getFirst(EditorCsrf.FIELD));
        desk.curate(DeskFormat.issueDate(date), CurationForm.of(form), session.user());
        return Response.seeOther(URI.create("/editor/issues/" + DeskFormat.issueDate(date) + "?saved=true")).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("issues/{date}/preview")
    @Produces({ MediaType.TEXT_HTML, MediaType.TEXT_PLAIN })
    public Response preview(@PathParam("date") String date, @QueryParam("format") String format) {
        IssueRenderer.Rendered copy = issues.preview(DeskFormat.issueDate(date), null);
        if ("text".equalsIgnoreCase(format)) {
            return Response.ok(copy.text(), MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
        }
        return Response.ok(copy.html(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", "script-src 'none'").build();
    }

    @POST
    @Path("issues/{date}/test")
    public Response sendTest(@PathParam("date") String date, @RestForm(EditorCsrf.FIELD) String csrf,
            @RestForm String to) {
        session.requireCsrf(csrf);
        String address = to == null ? "" : to.strip();
        if (!validator.validate(new TestAddress(address)).isEmpty()) {
            return Response.status(400).entity(Templates.issue(frame(), desk.page(DeskFormat.issueDate(date), null)
                    .withTest(null, address, "Enter an address such as you@example.org."))).build();
        }
        return Response.ok(Templates.issue(frame(), desk.sendTest(DeskFormat.issueDate(date), address))).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("issues/{date}/send")
    public TemplateInstance confirmSend(@PathParam("date") String date) {
        IssueDesk.IssuePageWithReaders confirmation = desk.confirmation(DeskFormat.issueDate(date));
        return Templates.confirmSend(frame(), confirmation.page(), confirmation.readers(), List.of());
    }

    @POST
    @Path("issues/{date}/send")
    public Response send(@PathParam("date") String date, @RestForm(EditorCsrf.FIELD) String csrf) {
        session.requireCsrf(csrf);
        IssueDesk.SendOutcome outcome = desk.send(DeskFormat.issueDate(date), session.user());
        if (!outcome.notReady() && !outcome.reasons().isEmpty()) {
            return Response
                    .ok(Templates.issue(frame(),
                            desk.page(DeskFormat.issueDate(date), "Not sent yet: " + outcome.reasons().get(0))))
                    .build();
        }
        if (outcome.notReady()) {
            return Response.status(409).entity(
                    Templates.confirmSend(frame(), outcome.page().page(), outcome.page().readers(), outcome.reasons()))
                    .build();
        }
        return Response.seeOther(URI.create("/editor/issues/" + DeskFormat.issueDate(date) + "/progress")).build();
    }

    /** A second account's approval; the send it waited for, if any, starts and its progress is shown. */
    @POST
    @Path("issues/{date}/approve")
    public Response approve(@PathParam("date") String date, @RestForm(EditorCsrf.FIELD) String csrf) {
        session.requireCsrf(csrf);
        LocalDate day = DeskFormat.issueDate(date);
        try {
            SendStart start = desk.approve(day, session.user());
            return start.result() == SendStart.Result.STARTED
                    ? Response.seeOther(URI.create("/editor/issues/" + day + "/progress")).build()
                    : Response.ok(Templates.issue(frame(), desk.page(day, "Approved by " + session.user() + ".")))
                            .build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status())
                    .entity(Templates.issue(frame(), desk.page(day, refused.problem().detail()))).build();
        }
    }

    private DeskViews.Desk frame() {
        return DeskViews.desk(session, "week");
    }
}
