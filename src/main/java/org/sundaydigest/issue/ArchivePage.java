package org.sundaydigest.issue;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.sundaydigest.common.DigestConfig;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The public web versions of sent issues, and their RSS feed. Nothing personal is ever in them. */
@Path("/archive")
class ArchivePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Entry> issues);

        static native TemplateInstance notFound(String date);
    }

    record Entry(LocalDate date, String subject, String url) {
    }

    @Inject
    IssueService digests;

    @Inject
    IssueRenderer renderer;

    @Inject
    DigestConfig config;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        return Templates.list(entries());
    }

    @GET
    @Path("{date}")
    @Produces(MediaType.TEXT_HTML)
    public Response issue(@PathParam("date") String date) {
        Optional<Issue> sent = sentIssue(date);
        if (sent.isEmpty()) {
            return Response.status(404).entity(Templates.notFound(date)).build();
        }
        return Response.ok(renderer.forArchive(digests.snapshotOf(sent.get()))).build();
    }

    @GET
    @Path("feed.xml")
    @Produces("application/rss+xml")
    public String feed() throws IOException, FeedException {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("rss_2.0");
        feed.setTitle(config.publicationName());
        feed.setLink(config.baseUrl() + "/archive");
        feed.setDescription("Every issue of the " + config.publicationName());
        List<SyndEntry> items = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> Issue.sentNewestFirst().forEach(issue -> {
            IssueContent content = digests.snapshotOf(issue);
            SyndEntry item = new SyndEntryImpl();
            item.setTitle(content.subject());
            item.setLink(config.baseUrl() + "/archive/" + issue.sendDate);
            item.setUri(item.getLink());
            item.setPublishedDate(Date.from(issue.sentAt != null ? issue.sentAt : issue.updatedAt));
            SyndContentImpl description = new SyndContentImpl();
            description.setType("text/plain");
            description.setValue(content.editorNote() != null ? content.editorNote()
                    : content.lead() != null ? content.lead().title() : "");
            item.setDescription(description);
            items.add(item);
        }));
        feed.setEntries(items);
        StringWriter out = new StringWriter();
        new SyndFeedOutput().output(feed, out);
        return out.toString();
    }

    private List<Entry> entries() {
        return QuarkusTransaction.requiringNew().call(() -> Issue.sentNewestFirst().stream()
                .map(issue -> new Entry(issue.sendDate, issue.subject, "/archive/" + issue.sendDate)).toList());
    }

    private static Optional<Issue> sentIssue(String date) {
        LocalDate sendDate;
        try {
            sendDate = LocalDate.parse(date);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew()
                .call(() -> Issue.forDate(sendDate).filter(issue -> issue.status == IssueStatus.SENT));
    }
}
