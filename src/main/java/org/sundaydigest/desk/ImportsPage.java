package org.sundaydigest.desk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.sundaydigest.common.Roles;
import org.sundaydigest.editor.EditorCsrf;
import org.sundaydigest.editor.EditorSession;
import org.sundaydigest.imports.ImportErrors;
import org.sundaydigest.imports.ImportService;
import org.sundaydigest.imports.ImportView;
import org.sundaydigest.web.CsvDownload;
import org.sundaydigest.web.ProblemException;
import org.sundaydigest.web.QueryParams;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * "Import readers": upload a list, see a dry run's counts, run it for real, follow its bar and read its errors, as a
 * table and as CSV. The page polls its job as JSON.
 */
@Path("/editor/imports")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.EDITOR)
class ImportsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance upload(DeskViews.Desk desk, String error);

        static native TemplateInstance job(DeskViews.Desk desk, ImportView job);
    }

    @Inject
    EditorSession session;

    @Inject
    ImportService imports;

    @GET
    @RolesAllowed(Roles.VIEWER)
    public TemplateInstance form() {
        return Templates.upload(desk(), null);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm(EditorCsrf.FIELD) String csrf, @RestForm FileUpload file, @RestForm String mode,
            @RestForm String dryRun) {
        session.requireCsrf(csrf);
        if (file == null || file.size() == 0) {
            return Response.status(400).entity(Templates.upload(desk(), "Choose a CSV file to import.")).build();
        }
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            ImportView job = imports.start(in, file.fileName(), mode, "true".equals(dryRun), session.user());
            return Response.seeOther(URI.create("/editor/imports/" + job.id())).build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status())
                    .entity(Templates.upload(desk(), refused.problem().detail())).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("{id}")
    public TemplateInstance job(@PathParam("id") String id) {
        return Templates.job(desk(), find(id));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("{id}.json")
    @Produces(MediaType.APPLICATION_JSON)
    public ImportView jobJson(@PathParam("id") String id) {
        return find(id);
    }

    @POST
    @Path("{id}/run")
    public Response run(@PathParam("id") String id, @RestForm(EditorCsrf.FIELD) String csrf) {
        session.requireCsrf(csrf);
        ImportView job = imports.runDryRun(QueryParams.longId(id), session.user());
        return Response.seeOther(URI.create("/editor/imports/" + job.id())).build();
    }

    @GET
    @Path("{id}/errors.csv")
    @Produces("text/csv")
    public Response errors(@PathParam("id") String id) {
        ImportView job = find(id);
        return CsvDownload.of("import-" + job.id() + "-errors.csv", out -> {
            out.write("line,field,message\r\n");
            for (ImportErrors.Entry error : job.errors()) {
                out.write(error.line() + "," + CsvDownload.cell(error.field()) + "," + CsvDownload.cell(error.message())
                        + "\r\n");
            }
        });
    }

    private ImportView find(String id) {
        return imports.find(QueryParams.longId(id)).orElseThrow(() -> new NotFoundException("No such import."));
    }

    private DeskViews.Desk desk() {
        return DeskViews.desk(session, "readers");
    }
}
