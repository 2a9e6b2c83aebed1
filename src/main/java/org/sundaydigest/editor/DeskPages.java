package org.sundaydigest.editor;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.sundaydigest.article.Article;
import org.sundaydigest.common.EmailAddress;
import org.sundaydigest.common.Roles;
import org.sundaydigest.feed.Feed;
import org.sundaydigest.feed.FeedEntry;
import org.sundaydigest.issue.Check;
import org.sundaydigest.issue.Curation;
import org.sundaydigest.issue.Issue;
import org.sundaydigest.issue.IssueCalendar;
import org.sundaydigest.issue.IssueContent;
import org.sundaydigest.issue.IssueRenderer;
import org.sundaydigest.issue.IssueService;
import org.sundaydigest.issue.IssueStatus;
import org.sundaydigest.issue.IssueWindow;
import org.sundaydigest.issue.SendStart;
import org.sundaydigest.issue.Sending;
import org.sundaydigest.issue.WeeklySend;
import org.sundaydigest.subscriber.Subscriber;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.web.ProblemException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The editors' desk: this week's issue (curation, preview, test send, send), a send in progress, past issues, readers
 * and articles. Every page needs a signed-in editor (form login); every form carries the CSRF token of
 * {@link EditorSession}.
 */
@Path("/editor")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.EDITOR)
class DeskPages {

    static final int MAX_FAILURES = 100;
    static final int MAX_SEARCH = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance issue(Desk desk, IssuePage page);

        static native TemplateInstance confirmSend(Desk desk, IssuePage page, long readers, List<String> reasons);

        static native TemplateInstance progress(Desk desk, ProgressView progress);

        static native TemplateInstance issues(Desk desk, List<IssueRow> issues);

        static native TemplateInstance readers(Desk desk, List<StatusCount> counts, ReaderChart.Chart chart,
                String query, List<ReaderRow> found);

        static native TemplateInstance articles(Desk desk, LocalDate date, String window, List<ArticleRow> articles,
                List<FeedRow> feeds);
    }

    /** What every desk page shows around its content: who is signed in, the CSRF token, the current tab. */
    public record Desk(String user, String csrf, String tab) {
    }

    /** An article of the issue's window as the curation form shows it. */
    public record Row(long id, String title, String section, String url, boolean lead, boolean excluded,
            Integer position) {
    }

    /** A group of rows under a heading: the opening (lead and pinned), each section, the excluded. */
    public record Group(String name, List<Row> rows) {
    }

    public record IssuePage(LocalDate date, IssueStatus status, String scheduledAt, String window, String subject,
            String curatedSubject, String editorNote, List<Group> groups, boolean hasArticles, boolean autoLead,
            List<Check> checks, boolean ready, String text, Sending.Progress progress, String notice, String testTo,
            String testError) {

        public boolean draft() {
            return status == IssueStatus.DRAFT;
        }
    }

    public record ProgressView(LocalDate date, IssueStatus status, String subject, Sending.Progress progress,
            String eta, List<Sending.Failure> failures, String notice) {
    }

    public record IssueRow(LocalDate date, IssueStatus status, String subject, Sending.Progress progress) {
        public boolean sent() {
            return status == IssueStatus.SENT;
        }

        public boolean started() {
            return status != IssueStatus.DRAFT;
        }
    }

    public record StatusCount(String status, long count) {
    }

    public record ReaderRow(String email, SubscriberStatus status, String since) {
    }

    public record ArticleRow(long id, String title, String section, String url, String source, String publishedAt,
            boolean excluded) {
    }

    public record FeedRow(String url, String status, String lastFetched, String lastError, int entriesImported) {
    }

    record TestAddress(@EmailAddress String to) {
    }

    @Inject
    EditorSession session;

    @Inject
    IssueService digests;

    @Inject
    IssueRenderer renderer;

    @Inject
    IssueCalendar calendar;

    @Inject
    Sending sending;

    @Inject
    WeeklySend weeklySend;

    @Inject
    Validator validator;

    @Inject
    ReaderChart chart;

    @Inject
    Clock clock;

    // --- This week

    @GET
    public TemplateInstance thisWeek() {
        return issuePage(calendar.upcoming(clock.instant()), null, null, null);
    }

    @GET
    @Path("issues/{date}")
    public TemplateInstance issue(@PathParam("date") String date, @QueryParam("saved") String saved) {
        return issuePage(parse(date), saved != null ? "Your changes are saved; the preview shows them." : null, null,
                null);
    }

    @POST
    @Path("issues/{date}/curation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response curate(@PathParam("date") String date, MultivaluedMap<String, String> form) {
        session.requireCsrf(form.getFirst(EditorCsrf.FIELD));
        LocalDate sendDate = parse(date);
        IssueWindow window = calendar.windowFor(sendDate);
        List<Long> inWindow = QuarkusTransaction.requiringNew()
                .call(() -> Article.publishedBetween(window.start(), window.end()).stream().map(a -> a.id).toList());
        Set<Long> included = new HashSet<>();
        for (String id : form.getOrDefault("include", List.of())) {
            included.add(parseId(id));
        }
        List<Long> excluded = inWindow.stream().filter(id -> !included.contains(id)).toList();
        String leadChoice = form.getFirst("lead");
        Long lead = leadChoice == null || leadChoice.isBlank() || "auto".equals(leadChoice) ? null
                : parseId(leadChoice);
        Map<Long, Integer> positions = new LinkedHashMap<>();
        for (Long id : inWindow) {
            String position = form.getFirst("position-" + id);
            if (position != null && !position.isBlank() && included.contains(id)) {
                try {
                    positions.put(id, Integer.parseInt(position.strip()));
                } catch (NumberFormatException e) {
                    throw ProblemException.invalidField("position-" + id, "must be a whole number");
                }
            }
        }
        List<Long> pinned = new ArrayList<>();
        if (lead != null && included.contains(lead)) {
            pinned.add(lead);
        }
        positions.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .filter(id -> !pinned.contains(id)).forEach(pinned::add);
        String subject = form.getFirst("subject");
        String note = form.getFirst("editorNote");
        digests.curate(sendDate, new Curation(subject == null || subject.isBlank() ? null : clip(subject, 200),
                note == null ? null : clip(note, 2000), pinned, excluded));
        return Response.seeOther(URI.create("/editor/issues/" + sendDate + "?saved=true")).build();
    }

    @GET
    @Path("issues/{date}/preview")
    @Produces({ MediaType.TEXT_HTML, MediaType.TEXT_PLAIN })
    public Response preview(@PathParam("date") String date, @QueryParam("format") String format) {
        IssueRenderer.Rendered copy = renderer.sample(digests.content(parse(date)));
        if ("text".equalsIgnoreCase(format)) {
            return Response.ok(copy.text(), MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
        }
        return Response.ok(copy.html(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", "script-src 'none'").build();
    }

    @POST
    @Path("issues/{date}/test")
    public Response sendTest(@PathParam("date") String date, @RestForm(EditorCsrf.FIELD) String csrf,
            @RestForm String to) {
        session.requireCsrf(csrf);
        LocalDate sendDate = parse(date);
        String address = to == null ? "" : to.strip();
        if (!validator.validate(new TestAddress(address)).isEmpty()) {
            return Response.status(400)
                    .entity(issuePage(sendDate, null, address, "Enter an address such as" + " you@example.org."))
                    .build();
        }
        digests.sendTest(sendDate, List.of(address));
        return Response.ok(issuePage(sendDate, "A test copy is on its way to " + address + ".", address, null)).build();
    }

    @GET
    @Path("issues/{date}/send")
    public TemplateInstance confirmSend(@PathParam("date") String date) {
        LocalDate sendDate = parse(date);
        return Templates.confirmSend(desk("week"), page(sendDate, null, null, null), activeReaders(), List.of());
    }

    @POST
    @Path("issues/{date}/send")
    public Response send(@PathParam("date") String date, @RestForm(EditorCsrf.FIELD) String csrf) {
        session.requireCsrf(csrf);
        LocalDate sendDate = parse(date);
        SendStart start = weeklySend.start(sendDate);
        if (start.result() == SendStart.Result.NOT_READY) {
            return Response.status(409).entity(Templates.confirmSend(desk("week"), page(sendDate, null, null, null),
                    activeReaders(), start.reasons())).build();
        }
        return Response.seeOther(URI.create("/editor/issues/" + sendDate + "/progress")).build();
    }

    // --- Send in progress

    @GET
    @Path("issues/{date}/progress")
    public TemplateInstance progress(@PathParam("date") String date, @QueryParam("retried") Integer retried) {
        return Templates.progress(desk("week"), progressOf(parse(date), retried == null ? null
                : retried + (retried == 1 ? " recipient is" : " recipients are") + " back in line."));
    }

    /** The counters the progress page polls. */
    @GET
    @Path("issues/{date}/progress.json")
    @Produces(MediaType.APPLICATION_JSON)
    public ProgressView progressJson(@PathParam("date") String date) {
        return progressOf(parse(date), null);
    }

    @POST
    @Path("issues/{date}/retry-failed")
    public Response retryFailed(@PathParam("date") String date, @RestForm(EditorCsrf.FIELD) String csrf) {
        session.requireCsrf(csrf);
        LocalDate sendDate = parse(date);
        Issue issue = existing(sendDate);
        int retried = QuarkusTransaction.requiringNew().call(() -> sending.retryFailed(issue.id, clock.instant()));
        if (retried > 0) {
            sending.wake();
        }
        return Response.seeOther(URI.create("/editor/issues/" + sendDate + "/progress?retried=" + retried)).build();
    }

    // --- Issues

    @GET
    @Path("issues")
    public TemplateInstance issues() {
        List<Issue> all = QuarkusTransaction.requiringNew().call(Issue::newestFirst);
        return Templates.issues(desk("issues"),
                all.stream().map(i -> new IssueRow(i.sendDate, i.status, i.subject, sending.progress(i.id))).toList());
    }

    @GET
    @Path("issues/{date}/deliveries.csv")
    @Produces("text/csv")
    public Response deliveries(@PathParam("date") String date) {
        LocalDate sendDate = parse(date);
        Issue issue = existing(sendDate);
        return sending.csvDownload(issue.id, sendDate);
    }

    // --- Readers

    @GET
    @Path("readers")
    public TemplateInstance readers(@QueryParam("q") String query) {
        String q = query == null ? "" : query.strip();
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<SubscriberStatus, Long> counts = new LinkedHashMap<>();
            for (SubscriberStatus status : SubscriberStatus.values()) {
                counts.put(status, Subscriber.count("status", status));
            }
            List<ReaderRow> found = q.isEmpty() ? List.of()
                    : Subscriber
                            .<Subscriber> find("emailKey like ?1 order by emailKey",
                                    "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                                            .replace("_", "\\_") + "%")
                            .page(0, MAX_SEARCH).list().stream()
                            .map(s -> new ReaderRow(s.email, s.status, day(s.createdAt))).toList();
            List<StatusCount> byStatus = counts.entrySet().stream()
                    .map(e -> new StatusCount(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue())).toList();
            return Templates.readers(desk("readers"), byStatus, chart.lastWeeks(12), q, found);
        });
    }

    // --- Articles and feeds

    @GET
    @Path("articles")
    public TemplateInstance articles(@QueryParam("date") String date) {
        LocalDate sendDate = date == null || date.isBlank() ? calendar.upcoming(clock.instant()) : parse(date);
        IssueWindow window = calendar.windowFor(sendDate);
        Set<Long> excluded = QuarkusTransaction.requiringNew()
                .call(() -> Issue.forDate(sendDate).map(i -> Set.copyOf(i.curation().excluded())).orElse(Set.of()));
        List<Feed> feeds = QuarkusTransaction.requiringNew().call(Feed::listByAge);
        Map<Long, String> feedUrls = new HashMap<>();
        feeds.forEach(feed -> feedUrls.put(feed.id, feed.url));
        List<ArticleRow> rows = QuarkusTransaction.requiringNew().call(() -> {
            List<Article> articles = Article.publishedBetween(window.start(), window.end());
            Map<Long, Long> fromFeeds = FeedEntry.feedsOfArticles(articles.stream().map(a -> a.id).toList());
            return articles.stream()
                    .map(a -> new ArticleRow(a.id, a.title, a.section, a.url,
                            fromFeeds.containsKey(a.id) ? "feed " + host(feedUrls.get(fromFeeds.get(a.id))) : "API",
                            time(a.publishedAt), excluded.contains(a.id)))
                    .toList();
        });
        List<FeedRow> feedRows = feeds.stream()
                .map(feed -> new FeedRow(feed.url,
                        feed.lastStatus == null ? "not fetched yet" : feed.lastStatus.name().toLowerCase(Locale.ROOT),
                        feed.lastFetchedAt == null ? "never" : time(feed.lastFetchedAt), feed.lastError,
                        feed.entriesImported))
                .toList();
        return Templates.articles(desk("articles"), sendDate, time(window.start()) + " – " + time(window.end()), rows,
                feedRows);
    }

    // --- Helpers

    private TemplateInstance issuePage(LocalDate date, String notice, String testTo, String testError) {
        return Templates.issue(desk("week"), page(date, notice, testTo, testError));
    }

    private IssuePage page(LocalDate date, String notice, String testTo, String testError) {
        IssueContent content = digests.content(date);
        IssueWindow window = calendar.windowFor(date);
        Issue issue = QuarkusTransaction.requiringNew().call(() -> Issue.forDate(date).orElse(null));
        Curation curation = issue == null ? Curation.NONE : issue.curation();
        IssueStatus status = issue == null ? IssueStatus.DRAFT : issue.status;
        List<Article> articles = QuarkusTransaction.requiringNew()
                .call(() -> Article.publishedBetween(window.start(), window.end()));
        Map<Long, Article> byId = new LinkedHashMap<>();
        articles.forEach(a -> byId.put(a.id, a));
        boolean autoLead = curation.pinned().isEmpty();
        List<Group> groups = new ArrayList<>();
        List<Row> opening = new ArrayList<>();
        if (content.lead() != null) {
            opening.add(row(content.lead(), true, false, autoLead ? null : 1));
        }
        int position = 2;
        for (IssueContent.Item item : content.topStories()) {
            opening.add(row(item, false, false, position++));
        }
        if (!opening.isEmpty()) {
            groups.add(new Group("Lead and top stories", opening));
        }
        for (IssueContent.Section section : content.sections()) {
            groups.add(new Group(section.name(),
                    section.items().stream().map(item -> row(item, false, false, null)).toList()));
        }
        Set<Long> shown = new HashSet<>(content.articles().stream().map(IssueContent.Item::id).toList());
        List<Row> out = byId.values().stream().filter(a -> !shown.contains(a.id))
                .sorted(Comparator.comparing((Article a) -> a.publishedAt).reversed())
                .map(a -> new Row(a.id, a.title, a.section, a.url, false, true, null)).toList();
        if (!out.isEmpty() && status == IssueStatus.DRAFT) {
            groups.add(new Group("Excluded", out));
        }
        List<Check> checks = digests.checks(content);
        boolean ready = !content.isEmpty() && checks.stream().allMatch(c -> c.passed() || !c.blocking());
        String scheduledAt = time(window.end());
        return new IssuePage(date, status, scheduledAt, time(window.start()) + " – " + time(window.end()),
                content.subject(), curation.subject(), curation.editorNote(), groups, !byId.isEmpty(), autoLead, checks,
                ready, renderer.sample(content).text(),
                issue == null ? Sending.Progress.NONE : sending.progress(issue.id), notice,
                testTo == null ? "" : testTo, testError);
    }

    private static Row row(IssueContent.Item item, boolean lead, boolean excluded, Integer position) {
        return new Row(item.id(), item.title(), item.section(), item.url(), lead, excluded, position);
    }

    private ProgressView progressOf(LocalDate date, String notice) {
        Issue issue = existing(date);
        Sending.Progress progress = sending.progress(issue.id);
        return new ProgressView(date, issue.status, issue.subject, progress,
                progress.eta() == null ? null : time(progress.eta()), sending.failures(issue.id, MAX_FAILURES), notice);
    }

    private Desk desk(String tab) {
        return new Desk(session.user(), session.csrfToken(), tab);
    }

    private static long activeReaders() {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.count("status", SubscriberStatus.ACTIVE));
    }

    private static Issue existing(LocalDate date) {
        return QuarkusTransaction.requiringNew().call(() -> Issue.forDate(date))
                .orElseThrow(() -> new NotFoundException("There is no issue of " + date + " yet."));
    }

    private String time(Instant instant) {
        return TIME.format(instant.atZone(calendar.zone()));
    }

    private String day(Instant instant) {
        return instant == null ? "" : instant.atZone(calendar.zone()).toLocalDate().toString();
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z",
            Locale.ENGLISH);

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("article", "must be an article id");
        }
    }

    static LocalDate parse(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new NotFoundException("No issue date " + date);
        }
    }
}
