package org.sundaydigest.imports;

import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.sundaydigest.common.Roles;
import org.sundaydigest.web.ProblemException;
import org.sundaydigest.web.QueryParams;

import io.quarkus.security.identity.SecurityIdentity;

/** {@code /api/subscribers/imports}: an editor uploads a list as CSV and follows its job. */
@Path("/api/subscribers/imports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.EDITOR)
class ImportResource {

    private static final Pattern FILE_NAME = Pattern.compile("filename=\"?([^\";]+)\"?");

    @Inject
    ImportService imports;

    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM })
    public Response start(InputStream body, @QueryParam("mode") String mode, @QueryParam("dryRun") String dryRun,
            @HeaderParam("Content-Disposition") String disposition) {
        ImportView view = imports.start(body, fileName(disposition), mode, QueryParams.boolParam("dryRun", dryRun),
                identity.getPrincipal().getName());
        return Response.accepted(Map.of("id", view.id(), "status", view.status())).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("{id}")
    public ImportView get(@PathParam("id") String id) {
        return imports.find(QueryParams.longId(id)).orElseThrow(() -> ProblemException.notFound("No import " + id));
    }

    /** Runs for real an import whose dry run is done, from the file it kept. */
    @POST
    @Path("{id}/run")
    public Response run(@PathParam("id") String id) {
        ImportView view = imports.runDryRun(QueryParams.longId(id), identity.getPrincipal().getName());
        return Response.accepted(Map.of("id", view.id(), "status", view.status())).build();
    }

    private static String fileName(String disposition) {
        Matcher name = FILE_NAME.matcher(disposition == null ? "" : disposition);
        return name.find() ? name.group(1) : null;
    }
}
