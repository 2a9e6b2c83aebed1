package org.sundaydigest.article;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.Roles;
import org.sundaydigest.web.ProblemException;
import org.sundaydigest.web.QueryParams;

/** Articles for editors and the publisher's CMS; {@code POST} creates or updates by canonical URL. */
@Path("/api/articles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.EDITOR)
class ArticleResource {

    record ArticleView(long id, String url, String title, String summary, String author, String section,
            String imageUrl, Instant publishedAt, Instant createdAt, Instant updatedAt) {
        static ArticleView of(Article a) {
            return new ArticleView(a.id, a.url, a.title, a.summary, a.author, a.section, a.imageUrl, a.publishedAt,
                    a.createdAt, a.updatedAt);
        }
    }

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    DigestConfig config;

    @POST
    @Transactional
    public Response upsert(@Valid @NotNull ArticleRequest body) {
        String url = CanonicalUrl.of(body.url());
        Optional<Article> existing = Article.findByUrl(url);
        Article article = existing.orElseGet(Article::new);
        article.apply(body, url, clock.instant());
        if (existing.isPresent()) {
            audit.record(AuditAction.ARTICLE_SAVE, "article " + article.id, "updated " + url);
            return Response.ok(ArticleView.of(article)).build();
        }
        article.persistAndFlush();
        audit.record(AuditAction.ARTICLE_SAVE, "article " + article.id, "created " + url);
        return Response.created(URI.create("/api/articles/" + article.id)).entity(ArticleView.of(article)).build();
    }

    /**
     * A page of the articles, newest first. The answer stays a bare array, as it always was for the scripts that read
     * it; {@code page} and {@code size} (at most 500) page through it.
     */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public List<ArticleView> list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("section") String section, @QueryParam("page") String page, @QueryParam("size") String size) {
        Optional<String> wantedSection = Optional.ofNullable(section).map(String::strip).filter(s -> !s.isEmpty());
        int pageIndex = QueryParams.intParam("page", page, 0, 0, QueryParams.MAX_PAGE);
        int pageSize = QueryParams.intParam("size", size, 100, 1, 500);
        return Article.search(instant("from", from), instant("to", to), wantedSection, pageIndex, pageSize).stream()
                .map(ArticleView::of).toList();
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("{id}")
    public ArticleView get(@PathParam("id") long id) {
        return ArticleView.of(find(id));
    }

    @PUT
    @Path("{id}")
    @Transactional
    public ArticleView replace(@PathParam("id") long id, @Valid @NotNull ArticleRequest body) {
        Article article = find(id);
        String url = CanonicalUrl.of(body.url());
        Article.findByUrl(url).filter(other -> !other.id.equals(article.id)).ifPresent(other -> {
            throw ProblemException.conflict("Article " + other.id + " already has the URL " + url + ".");
        });
        article.apply(body, url, clock.instant());
        audit.record(AuditAction.ARTICLE_SAVE, "article " + id, "updated " + url);
        return ArticleView.of(article);
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("id") long id) {
        Article article = find(id);
        article.delete();
        audit.record(AuditAction.ARTICLE_DELETE, "article " + id, article.url);
        return Response.noContent().build();
    }

    private static Article find(long id) {
        return Article.<Article> findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No article with id " + id + "."));
    }

    /** An instant, an offset date-time or a date (the start of that day in the digest's zone). */
    private Optional<Instant> instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                return Optional.of(LocalDate.parse(text).atStartOfDay(config.schedule().zone()).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field,
                    "must be a date (2026-11-22) or a date-time with offset (2026-11-22T08:00:00Z)");
        }
    }
}
