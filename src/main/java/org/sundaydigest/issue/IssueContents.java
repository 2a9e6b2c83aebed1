package org.sundaydigest.issue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sundaydigest.article.Article;
import org.sundaydigest.common.Hashing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What an issue says: composed from the articles while it is a draft, its frozen snapshot once sending started. */
@ApplicationScoped
@Transactional
public class IssueContents {

    @Inject
    IssueCalendar calendar;

    @Inject
    Composer composer;

    @Inject
    IssueRenderer renderer;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.mailer.dkim.enabled", defaultValue = "false")
    boolean dkimEnabled;

    @ConfigProperty(name = "quarkus.mailer.dkim.signed-headers")
    Optional<List<String>> dkimSignedHeaders;

    /** The issue's content: its snapshot once sending has started, else composed from the articles now. */
    public IssueContent of(LocalDate date) {
        Optional<Issue> issue = Issue.forDate(date);
        Optional<String> snapshot = issue.flatMap(Issue::snapshot);
        if (snapshot.isPresent()) {
            return fromJson(snapshot.get());
        }
        return compose(date, issue.map(Issue::curation).orElse(Curation.NONE));
    }

    /** The content of the issue with this id as its readers get it. */
    public IssueContent ofIssue(long issueId) {
        return snapshotOf(Issue.<Issue> findById(issueId));
    }

    /** The content an issue went out with. */
    IssueContent snapshotOf(Issue issue) {
        return issue.snapshot().map(this::fromJson).orElseGet(() -> compose(issue.sendDate, issue.curation()));
    }

    IssueContent compose(LocalDate date, Curation curation) {
        IssueWindow window = calendar.windowFor(date);
        List<IssueContent.Item> items = Article.publishedBetween(window.start(), window.end()).stream()
                .map(IssueContents::item).toList();
        return composer.compose(window, items, curation);
    }

    /** The pre-send checks of content already at hand, run on the copy every reader without a section choice gets. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Check> checks(IssueContent content) {
        return PreSendChecks.of(content, renderer.sample(content), renderer.unsubscribeUrl(IssueRenderer.SAMPLE_TOKEN),
                renderer.archiveUrl(content), new PreSendChecks.Dkim(dkimEnabled, dkimSignedHeaders.orElse(List.of())));
    }

    /** The SHA-256 of the content as its snapshot would hold it: what an approval approves. */
    public String fingerprint(IssueContent content) {
        return Hashing.sha256Hex(toJson(content));
    }

    String toJson(IssueContent content) {
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

    private static IssueContent.Item item(Article a) {
        return new IssueContent.Item(a.id, a.title, a.url, a.summary, a.author, a.section, a.imageUrl, a.publishedAt);
    }
}
