package org.sundaydigest.desk;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.sundaydigest.common.Roles;
import org.sundaydigest.editor.EditorSession;
import org.sundaydigest.issue.IssueService;
import org.sundaydigest.issue.IssueViews;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The desk's "Issues" tab: every issue with its status and counters. */
@Path("/editor")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.EDITOR)
class IssuesPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance issues(DeskViews.Desk desk, List<IssueViews.Summary> issues);
    }

    @Inject
    EditorSession session;

    @Inject
    IssueService issues;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("issues")
    public TemplateInstance issues() {
        return Templates.issues(DeskViews.desk(session, "issues"), issues.list());
    }
}
