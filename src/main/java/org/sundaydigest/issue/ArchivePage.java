package org.sundaydigest.issue;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The public web versions of sent issues, and their RSS feed. */
@Path("/archive")
class ArchivePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Archive.Entry> issues);

        static native TemplateInstance notFound(String date);
    }

    @Inject
    Archive archive;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        return Templates.list(archive.entries());
    }

    @GET
    @Path("{date}")
    @Produces(MediaType.TEXT_HTML)
    public Response issue(@PathParam("date") String date) {
        return archive.webVersion(date).map(html -> Response.ok(html).build())
                .orElseGet(() -> Response.status(404).entity(Templates.notFound(date)).build());
    }

    @GET
    @Path("feed.xml")
    @Produces("application/rss+xml")
    public String feed() {
        return archive.feed();
    }
}
