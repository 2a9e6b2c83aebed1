package org.sundaydigest.desk;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.sundaydigest.article.Article;
import org.sundaydigest.feed.Feed;
import org.sundaydigest.feed.FeedEntry;
import org.sundaydigest.issue.Issue;
import org.sundaydigest.issue.IssueCalendar;
import org.sundaydigest.issue.IssueWindow;

/** The desk's "Articles and feeds" tab: an issue's articles with where each came from, and the feeds' health. */
@ApplicationScoped
@Transactional
class ArticlesDesk {

    /** The issue's date and window, its articles, and the feeds. */
    record Articles(LocalDate date, String window, List<DeskViews.ArticleRow> articles, List<DeskViews.FeedRow> feeds) {
    }

    @Inject
    IssueCalendar calendar;

    @Inject
    DeskFormat format;

    @Inject
    Clock clock;

    /** The articles of the issue of this date, or of the coming one when none is given. */
    Articles of(LocalDate date) {
        LocalDate sendDate = date == null ? calendar.upcoming(clock.instant()) : date;
        IssueWindow window = calendar.windowFor(sendDate);
        Set<Long> excluded = Issue.forDate(sendDate).map(i -> Set.copyOf(i.curation().excluded())).orElse(Set.of());
        List<Feed> feeds = Feed.listByAge();
        Map<Long, String> feedUrls = new HashMap<>();
        feeds.forEach(feed -> feedUrls.put(feed.id, feed.url));
        List<Article> articles = Article.publishedBetween(window.start(), window.end());
        Map<Long, Long> fromFeeds = FeedEntry.feedsOfArticles(articles.stream().map(a -> a.id).toList());
        List<DeskViews.ArticleRow> rows = articles.stream()
                .map(a -> new DeskViews.ArticleRow(
                        a.id, a.title, a.section, a.url, fromFeeds.containsKey(a.id)
                                ? "feed " + DeskFormat.host(feedUrls.get(fromFeeds.get(a.id))) : "API",
                        format.time(a.publishedAt), excluded.contains(a.id)))
                .toList();
        List<DeskViews.FeedRow> feedRows = feeds.stream()
                .map(feed -> new DeskViews.FeedRow(feed.url,
                        feed.lastStatus == null ? "not fetched yet" : feed.lastStatus.name().toLowerCase(Locale.ROOT),
                        feed.lastFetchedAt == null ? "never" : format.time(feed.lastFetchedAt), feed.lastError,
                        feed.entriesImported))
                .toList();
        return new Articles(sendDate, format.time(window.start()) + " – " + format.time(window.end()), rows, feedRows);
    }
}
