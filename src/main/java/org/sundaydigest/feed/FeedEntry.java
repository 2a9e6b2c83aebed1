package org.sundaydigest.feed;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One entry of a feed, by its GUID, and the article it became: an entry whose link changes updates that article rather
 * than adding another. The article is null once an editor has deleted it, and the entry is then left alone.
 */
@Entity
@Table(name = "feed_entry")
public class FeedEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(generator = "feed_entry_seq")
    @SequenceGenerator(name = "feed_entry_seq", sequenceName = "feed_entry_seq", allocationSize = 50)
    public Long id;

    @Column(name = "feed_id", nullable = false)
    public Long feedId;

    @Column(name = "guid_hash", nullable = false, length = 64)
    public String guidHash;

    @Column(name = "article_id")
    public Long articleId;

    /** A hash of what the entry said when last imported; the article is only rewritten when it changes. */
    @Column(name = "content_hash", nullable = false, length = 64)
    public String contentHash;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The feed each of these articles was imported from; articles that came through the API are absent. */
    public static Map<Long, Long> feedsOfArticles(Collection<Long> articleIds) {
        if (articleIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Long> feeds = new HashMap<>();
        FeedEntry.<FeedEntry> list("articleId in ?1", articleIds)
                .forEach(entry -> feeds.put(entry.articleId, entry.feedId));
        return feeds;
    }

    static Optional<FeedEntry> findByGuid(long feedId, String guidHash) {
        return find("feedId = ?1 and guidHash = ?2", feedId, guidHash).firstResultOptional();
    }

    static FeedEntry create(long feedId, String guidHash, long articleId, String contentHash, Instant now) {
        FeedEntry entry = new FeedEntry();
        entry.feedId = feedId;
        entry.guidHash = guidHash;
        entry.articleId = articleId;
        entry.contentHash = contentHash;
        entry.updatedAt = now;
        entry.persist();
        return entry;
    }

    void imported(long newArticleId, String newContentHash, Instant now) {
        articleId = newArticleId;
        contentHash = newContentHash;
        updatedAt = now;
    }
}
