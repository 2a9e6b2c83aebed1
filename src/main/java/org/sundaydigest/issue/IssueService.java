package org.sundaydigest.issue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.sundaydigest.article.Article;
import org.sundaydigest.mail.MailContext;
import org.sundaydigest.web.Problem;
import org.sundaydigest.web.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** An issue's content, curation, checks and test sends: composition from the articles, or its frozen snapshot. */
@ApplicationScoped
public class IssueService {

    private static final Duration TEST_SEND_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    IssueCalendar calendar;

    @Inject
    Composer composer;

    @Inject
    IssueRenderer renderer;

    @Inject
    IssueMessages messages;

    @Inject
    ReactiveMailer mailer;

    @Inject
    MailContext mailContext;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Sending sending;

    /** The issue's content: its snapshot once sending has started, else composed from the articles now. */
    @Transactional
    public IssueContent content(LocalDate date) {
        Optional<Issue> issue = Issue.forDate(date);
        Optional<String> snapshot = issue.flatMap(Issue::snapshot);
        if (snapshot.isPresent()) {
            return fromJson(snapshot.get());
        }
        return compose(date, issue.map(Issue::curation).orElse(Curation.NONE));
    }

    private IssueContent compose(LocalDate date, Curation curation) {
        IssueWindow window = calendar.windowFor(date);
        List<IssueContent.Item> items = Article.publishedBetween(window.start(), window.end()).stream()
                .map(IssueService::item).toList();
        return composer.compose(window, items, curation);
    }

    /** Applies an editor's curation to a draft, creating the issue if needed; 409 once it is sending or sent. */
    public Issue curate(LocalDate date, Curation curation) {
        requireArticles("pinned", curation.pinned());
        requireArticles("excluded", curation.excluded());
        try {
            return QuarkusTransaction.requiringNew().call(() -> applyCuration(date, curation));
        } catch (PersistenceException concurrentCreation) {
            return QuarkusTransaction.requiringNew().call(() -> applyCuration(date, curation));
        }
    }

    private Issue applyCuration(LocalDate date, Curation curation) {
        Issue issue = findOrCreate(date);
        if (!issue.isDraft()) {
            throw ProblemException.conflict("The issue of " + date + " is " + issue.status.name().toLowerCase()
                    + "; it can no longer be changed.");
        }
        issue.curate(curation, clock.instant());
        return issue;
    }

    /** The issue of this date, created as a draft if it does not exist; the unique send date settles races. */
    public Issue findOrCreate(LocalDate date) {
        return Issue.forDate(date).orElseGet(() -> {
            Issue issue = Issue.draft(date, clock.instant());
            issue.persistAndFlush();
            return issue;
        });
    }

    /** The pre-send checks, run on the copy every reader without a section choice gets. */
    public List<Check> checks(LocalDate date) {
        return checks(content(date));
    }

    /** The pre-send checks of content already at hand. */
    public List<Check> checks(IssueContent content) {
        return PreSendChecks.of(content, renderer.sample(content), renderer.unsubscribeUrl(IssueRenderer.SAMPLE_TOKEN),
                renderer.archiveUrl(content));
    }

    /** Sends the issue to these addresses only, marked as a test; no reader's delivery is touched. */
    public void sendTest(LocalDate date, Collection<String> to) {
        IssueRenderer.Rendered copy = renderer.forReaders(content(date), List.of());
        for (String address : to) {
            mailContext.sendAndWait(mailer.send(messages.test(copy, address)), TEST_SEND_TIMEOUT);
        }
    }

    /**
     * Starts sending the issue of this date, unless it has no articles or fails a blocking check: freezes its content
     * and creates a delivery for every reader active now, in one transaction under a lock on the issue, so that
     * concurrent starts (a scheduled fire, an editor, another instance) start it once.
     */
    public SendStart startSending(LocalDate date) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> startLocked(date));
        } catch (PersistenceException concurrentCreation) {
            return QuarkusTransaction.requiringNew().call(() -> startLocked(date));
        }
    }

    private SendStart startLocked(LocalDate date) {
        Issue issue = Issue.lockForDate(date).orElseGet(() -> {
            Issue created = Issue.draft(date, clock.instant());
            created.persistAndFlush();
            return created;
        });
        if (!issue.isDraft()) {
            return SendStart.already(issue.status);
        }
        IssueContent content = compose(date, issue.curation());
        if (content.isEmpty()) {
            IssueWindow window = calendar.windowFor(date);
            return SendStart.notReady(List.of("No article was published in the issue's window, from " + window.start()
                    + " up to " + window.end() + "."));
        }
        List<Check> failures = PreSendChecks.failures(checks(content));
        if (!failures.isEmpty()) {
            return SendStart.notReady(failures.stream().map(Check::message).toList());
        }
        issue.startSending(content.subject(), toJson(content), clock.instant());
        return SendStart.started(sending.enrol(issue.id, clock.instant()));
    }

    public IssueContent snapshotOf(Issue issue) {
        return issue.snapshot().map(this::fromJson).orElseGet(() -> compose(issue.sendDate, issue.curation()));
    }

    private void requireArticles(String field, List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<Long> known = QuarkusTransaction.requiringNew().call(
                () -> Article.<Article> list("id in ?1", ids).stream().map(a -> a.id).collect(Collectors.toSet()));
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!known.contains(ids.get(i))) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", "no article has the id " + ids.get(i)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
    }

    private static IssueContent.Item item(Article a) {
        return new IssueContent.Item(a.id, a.title, a.url, a.summary, a.author, a.section, a.imageUrl, a.publishedAt);
    }

    private String toJson(IssueContent content) {
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an issue's content is always serialisable", e);
        }
    }

    private IssueContent fromJson(String snapshot) {
        try {
            return json.readValue(snapshot, IssueContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored snapshot could not be read", e);
        }
    }
}
