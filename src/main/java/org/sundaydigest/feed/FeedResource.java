package org.sundaydigest.feed;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.HttpUrl;
import org.sundaydigest.common.Roles;
import org.sundaydigest.common.Text;
import org.sundaydigest.web.ProblemException;

/** The publisher's feeds, for editors: adding one fetches it at once; the list says how each last fetch went. */
@Path("/api/feeds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.EDITOR)
class FeedResource {

    record FeedRequest(@NotBlank @HttpUrl String url, @Size(max = 100) String section) {
        FeedRequest {
            url = url == null ? null : url.strip();
            section = Text.blankToNull(section);
        }
    }

    record FeedView(long id, String url, String section, Instant lastFetchedAt, FeedStatus lastStatus, String lastError,
            int entriesImported, Instant createdAt) {
        static FeedView of(Feed f) {
            return new FeedView(f.id, f.url, f.section, f.lastFetchedAt, f.lastStatus, f.lastError, f.entriesImported,
                    f.createdAt);
        }
    }

    @Inject
    FeedService feeds;

    @Inject
    Audit audit;

    @POST
    public Response add(@Valid @NotNull FeedRequest body) {
        Feed feed = feeds.add(body.url(), body.section());
        return Response.created(URI.create("/api/feeds/" + feed.id)).entity(FeedView.of(feed)).build();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Transactional
    public List<FeedView> list() {
        return Feed.listByAge().stream().map(FeedView::of).toList();
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        Feed feed = Feed.<Feed> findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No feed with id " + id + "."));
        feed.delete();
        audit.record(AuditAction.FEED_DELETE, "feed " + id, feed.url);
        return Response.noContent().build();
    }
}
