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

import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.Roles;
import org.sundaydigest.editor.EditorSession;
import org.sundaydigest.subscriber.SubscriberExport;
import org.sundaydigest.subscriber.WelcomeMail;
import org.sundaydigest.web.CsvDownload;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The desk's "Readers" tab. */
@Path("/editor")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.EDITOR)
class ReadersPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance readers(DeskViews.Desk desk, List<DeskViews.StatusCount> counts,
                ReaderChart.Chart chart, String query, List<DeskViews.ReaderRow> found,
                List<DeskViews.ReportRow> reports, boolean welcomeEnabled);
    }

    @Inject
    EditorSession session;

    @Inject
    Audit audit;

    @Inject
    ReadersDesk readers;

    @Inject
    WelcomeMail welcome;

    @Inject
    DigestConfig config;

    /** The welcome email as a new reader gets it, with a sample name and token; its own policy runs no script. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("welcome/preview")
    public Response welcomePreview() {
        return Response.ok(welcome.preview(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", "script-src 'none'; frame-ancestors 'self'").build();
    }

    /** Every reader, as the API's export gives them. */
    @GET
    @Path("readers.csv")
    @Produces("text/csv")
    public Response export() {
        audit.recordAlone(AuditAction.SUBSCRIBERS_EXPORT, "readers.csv", "every subscriber, from the desk");
        return CsvDownload.of("subscribers.csv", SubscriberExport::write);
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("readers")
    public TemplateInstance readers(@QueryParam("q") String query) {
        ReadersDesk.Readers found = readers.find(query);
        return Templates.readers(DeskViews.desk(session, "readers"), found.counts(), found.chart(), found.query(),
                found.found(), found.reports(), config.welcomeEnabled());
    }
}
