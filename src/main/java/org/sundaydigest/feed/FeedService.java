package org.sundaydigest.feed;

import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.jboss.logging.Logger;
import org.sundaydigest.article.Article;
import org.sundaydigest.article.ArticleRequest;
import org.sundaydigest.article.CanonicalUrl;
import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.FeedSettings;
import org.sundaydigest.common.Hashing;
import org.sundaydigest.common.HttpUrl;
import org.sundaydigest.common.JobRuns;
import org.sundaydigest.web.ProblemException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Registers feeds and imports their entries as articles: each feed is fetched when it is added and then at every poll.
 * Each entry is saved in its own transaction, so one bad entry costs only itself; what a fetch gave is recorded on the
 * feed.
 */
@ApplicationScoped
class FeedService {

    private static final Logger LOG = Logger.getLogger(FeedService.class);

    @Inject
    FeedMetrics metrics;

    @Inject
    JobRuns jobs;

    @Inject
    DigestConfig config;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    Validator validator;

    AddressGuard guard;
    FeedFetcher fetcher;
    FeedReader reader;

    @PostConstruct
    void init() {
        FeedSettings feeds = config.feeds();
        guard = new AddressGuard(feeds.allowPrivate());
        fetcher = new FeedFetcher(guard, feeds.timeout(), feeds.maxSize().asLongValue(), feeds.maxRedirects(),
                config.publicationName() + " feed reader (" + config.baseUrl() + ")");
        reader = new FeedReader(FeedReader.categoryMap(feeds.categories().orElse(List.of())), config.sections());
    }

    /** Registers the feeds of {@code DIGEST_FEEDS} that are not known yet; they are fetched at the next poll. */
    void onStart(@Observes StartupEvent start) {
        for (String url : config.feeds().urls().orElse(List.of())) {
            if (url.isBlank()) {
                continue;
            }
            try {
                register(url.strip());
            } catch (ProblemException e) {
                LOG.warnf("The feed %s of DIGEST_FEEDS is not registered: %s", url.strip(), e.getMessage());
            }
        }
    }

    /** Adds the feed if no feed has its URL; returns whether it was added. */
    boolean register(String url) {
        String canonical = acceptable(url);
        return QuarkusTransaction.requiringNew().call(() -> {
            if (Feed.findByUrl(canonical).isPresent()) {
                return false;
            }
            Feed.create(canonical, null, clock.instant());
            LOG.infof("Registered the feed %s", canonical);
            return true;
        });
    }

    /** Adds a feed and fetches it at once; refuses a URL that is invalid, internal or already a feed. */
    Feed add(String url, String section) {
        String canonical = acceptable(url);
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Feed.findByUrl(canonical).ifPresent(existing -> {
                throw ProblemException.conflict("Feed " + existing.id + " already has the URL " + canonical + ".");
            });
            Feed feed = Feed.create(canonical, section, clock.instant());
            audit.record(AuditAction.FEED_ADD, "feed " + feed.id, canonical);
            return feed.id;
        });
        refresh(id);
        return QuarkusTransaction.requiringNew().call(() -> Feed.<Feed> findById(id));
    }

    /** The URL made canonical, once it is an http(s) URL whose host is not internal. */
    private String acceptable(String url) {
        if (url == null || !HttpUrl.Validator.isHttpUrl(url.strip())) {
            throw ProblemException.invalidField("url", "must be an absolute http or https URL");
        }
        String canonical = CanonicalUrl.of(url);
        try {
            guard.check(URI.create(canonical));
        } catch (AddressGuard.Refused e) {
            throw ProblemException.invalidField("url", e.getMessage());
        } catch (UnknownHostException e) {
            // Accepted: the fetch will say that the host is unknown, and the next poll tries again.
        }
        return canonical;
    }

    @Scheduled(identity = "feed-poll", every = "${digest.feeds.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        // Once per interval across all instances, so that a publisher sees one reader, not one per instance.
        jobs.runOnce("feed-poll", clock.instant(), JobRuns.interval(config.feeds().poll()), JobRuns.EARLY,
                this::refreshAll);
    }

    /** Fetches every feed once, oldest first. */
    void refreshAll() {
        List<Long> ids = QuarkusTransaction.requiringNew()
                .call(() -> Feed.listByAge().stream().map(f -> f.id).toList());
        for (long id : ids) {
            try {
                refresh(id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not import the feed %d; trying again at the next poll", id);
            }
        }
    }

    /** Fetches one feed, imports its entries and records how it went. */
    void refresh(long feedId) {
        Optional<Feed> known = QuarkusTransaction.requiringNew().call(() -> Feed.<Feed> findByIdOptional(feedId));
        if (known.isEmpty()) {
            return;
        }
        Feed feed = known.get();
        FeedFetcher.Result result;
        try {
            result = fetcher.fetch(URI.create(feed.url), feed.etag, feed.lastModified);
        } catch (FeedFetcher.Failed e) {
            record(feedId, f -> f.failed(clock.instant(), e.getMessage()));
            metrics.fetched(FeedStatus.ERROR);
            return;
        }
        if (result instanceof FeedFetcher.NotModified) {
            record(feedId, f -> f.notModified(clock.instant()));
            metrics.fetched(FeedStatus.NOT_MODIFIED);
            return;
        }
        FeedFetcher.Fetched fetched = (FeedFetcher.Fetched) result;
        FeedReader.Read read;
        try {
            read = reader.read(fetched.body(), fetched.contentType(), fetched.url(), feed.section, clock.instant());
        } catch (FeedReader.Unreadable e) {
            record(feedId, f -> f.failed(clock.instant(), e.getMessage()));
            metrics.fetched(FeedStatus.ERROR);
            return;
        }
        List<String> problems = new ArrayList<>(read.problems());
        int imported = 0;
        for (FeedReader.Entry entry : read.entries()) {
            Set<ConstraintViolation<ArticleRequest>> violations = validator.validate(entry.article());
            if (!violations.isEmpty()) {
                ConstraintViolation<ArticleRequest> first = violations.iterator().next();
                problems.add("the entry " + entry.article().url() + " was skipped: " + first.getPropertyPath() + " "
                        + first.getMessage());
                continue;
            }
            try {
                if (QuarkusTransaction.requiringNew().call(() -> save(feedId, entry))) {
                    imported++;
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not save the entry %s of the feed %d", entry.article().url(), feedId);
                problems.add("the entry " + entry.article().url() + " could not be saved; it is tried again at the"
                        + " next poll");
            }
        }
        int count = imported;
        String problemText = problems.isEmpty() ? null
                : problems.size() + (problems.size() == 1 ? " entry was" : " entries were") + " not imported: "
                        + String.join("; ", problems);
        record(feedId, f -> f.fetched(clock.instant(), fetched.etag(), fetched.lastModified(), count, problemText));
        metrics.fetched(FeedStatus.OK);
    }

    /** Creates or updates the entry's article; returns whether an article changed. */
    private boolean save(long feedId, FeedReader.Entry entry) {
        Instant now = clock.instant();
        String guidHash = Hashing.sha256Hex(entry.guid());
        String contentHash = entry.contentHash();
        String url = CanonicalUrl.of(entry.article().url());
        Optional<FeedEntry> known = FeedEntry.findByGuid(feedId, guidHash);
        if (known.isPresent() && (known.get().articleId == null || known.get().contentHash.equals(contentHash))) {
            return false; // deleted by an editor, or unchanged
        }
        Optional<Article> byUrl = Article.findByUrl(url);
        Article article = known.flatMap(k -> Article.<Article> findByIdOptional(k.articleId))
                .filter(a -> byUrl.isEmpty() || byUrl.get().id.equals(a.id)).or(() -> byUrl).orElse(null);
        if (article == null) {
            article = Article.create(entry.article(), now);
        } else {
            article.update(entry.dated() ? entry.article() : keepingDate(entry.article(), article.publishedAt), now);
        }
        if (known.isPresent()) {
            known.get().imported(article.id, contentHash, now);
        } else {
            FeedEntry.create(feedId, guidHash, article.id, contentHash, now);
        }
        return true;
    }

    private static ArticleRequest keepingDate(ArticleRequest a, Instant publishedAt) {
        return new ArticleRequest(a.url(), a.title(), a.summary(), a.author(), a.section(), a.imageUrl(), publishedAt);
    }

    private static void record(long feedId, java.util.function.Consumer<Feed> change) {
        QuarkusTransaction.requiringNew().run(() -> Feed.<Feed> findByIdOptional(feedId).ifPresent(change));
    }
}
