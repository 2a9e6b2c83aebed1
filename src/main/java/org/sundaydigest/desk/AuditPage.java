package org.sundaydigest.desk;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.audit.AuditLog;
import org.sundaydigest.audit.AuditQuery;
import org.sundaydigest.common.Roles;
import org.sundaydigest.editor.EditorSession;
import org.sundaydigest.web.ProblemException;
import org.sundaydigest.web.QueryParams;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** "Audit", for admins: who changed what and when, newest first, by account, action and date. */
@Path("/editor/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ADMIN)
class AuditPage {

    static final int PAGE_SIZE = 100;

    /** The filter as typed, shown again in the form. */
    record Typed(String editor, String action, String from, String to) {

        /** The address of this filter's page {@code page}, each value URL-encoded. */
        String pageHref(int page) {
            return "/editor/audit?editor=" + encoded(editor) + "&action=" + encoded(action) + "&from=" + encoded(from)
                    + "&to=" + encoded(to) + "&page=" + page;
        }

        private static String encoded(String value) {
            return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(DeskViews.Desk desk, AuditLog.Items entries, Typed typed,
                List<String> actions, String older, String error);
    }

    @Inject
    EditorSession session;

    @Inject
    AuditLog log;

    @GET
    public Response audit(@QueryParam("editor") String editor, @QueryParam("action") String action,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("page") String page) {
        Typed typed = new Typed(editor, action, from, to);
        List<String> actions = AuditAction.codes();
        try {
            AuditLog.Items entries = log.page(AuditQuery.filter(editor, action, from, to),
                    QueryParams.intParam("page", page, 0, 0, QueryParams.MAX_PAGE), PAGE_SIZE);
            String older = entries.hasMore() ? typed.pageHref(entries.nextPage()) : null;
            return Response.ok(Templates.audit(DeskViews.desk(session, "audit"), entries, typed, actions, older, null))
                    .build();
        } catch (ProblemException refused) {
            return Response.status(400).entity(Templates.audit(DeskViews.desk(session, "audit"),
                    new AuditLog.Items(List.of(), 0, PAGE_SIZE, 0), typed, actions, null, refused.problem().detail()))
                    .build();
        }
    }
}
