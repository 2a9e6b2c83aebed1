package org.sundaydigest.desk;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.sundaydigest.common.Roles;
import org.sundaydigest.editor.EditorSession;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The desk's "Articles and feeds" tab. */
@Path("/editor")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.EDITOR)
class ArticlesPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance articles(DeskViews.Desk desk, LocalDate date, String window,
                List<DeskViews.ArticleRow> articles, List<DeskViews.FeedRow> feeds);
    }

    @Inject
    EditorSession session;

    @Inject
    ArticlesDesk articles;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Path("articles")
    public TemplateInstance articles(@QueryParam("date") String date) {
        ArticlesDesk.Articles found = articles.of(date == null || date.isBlank() ? null : DeskFormat.issueDate(date));
        return Templates.articles(DeskViews.desk(session, "articles"), found.date(), found.window(), found.articles(),
                found.feeds());
    }
}
