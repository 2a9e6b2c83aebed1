package org.sundaydigest.feed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.sundaydigest.common.Text;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A publisher's RSS or Atom feed, with what its last fetch gave. */
@Entity
@Table(name = "feed")
public class Feed extends PanacheEntityBase {

    static final int MAX_ERROR = 1000;

    @Id
    @GeneratedValue(generator = "feed_seq")
    @SequenceGenerator(name = "feed_seq", sequenceName = "feed_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, unique = true, length = 2048)
    public String url;

    @Column(length = 100)
    public String section;

    static final int MAX_ETAG = 500;
    static final int MAX_LAST_MODIFIED = 100;

    /** The validator of the last answer, sent back as {@code If-None-Match}. */
    @Column(length = 500)
    public String etag;

    /** The {@code Last-Modified} of the last answer, sent back as {@code If-Modified-Since}. */
    @Column(name = "last_modified", length = 100)
    public String lastModified;

    @Column(name = "last_fetched_at")
    public Instant lastFetchedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_status", length = 20)
    public FeedStatus lastStatus;

    @Column(name = "last_error", length = MAX_ERROR)
    public String lastError;

    /** Entries turned into new or updated articles, over the feed's life. */
    @Column(name = "entries_imported", nullable = false)
    public int entriesImported;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static Feed create(String url, String section, Instant now) {
        Feed feed = new Feed();
        feed.url = url;
        feed.section = section;
        feed.createdAt = now;
        feed.persist();
        return feed;
    }

    static Optional<Feed> findByUrl(String url) {
        return find("url", url).firstResultOptional();
    }

    public static List<Feed> listByAge() {
        return listAll(Sort.ascending("createdAt").and("id"));
    }

    /** Records a fetch that found the feed unchanged. */
    void notModified(Instant now) {
        lastFetchedAt = now;
        lastStatus = FeedStatus.NOT_MODIFIED;
        lastError = null;
    }

    /** Records a fetch that was read; {@code problems} names entries that could not be imported, if any. */
    void fetched(Instant now, String newEtag, String newLastModified, int imported, String problems) {
        lastFetchedAt = now;
        lastStatus = FeedStatus.OK;
        // A validator longer than its column is not kept: a cut one would never match.
        etag = newEtag == null || newEtag.length() > MAX_ETAG ? null : newEtag;
        lastModified = newLastModified == null || newLastModified.length() > MAX_LAST_MODIFIED ? null : newLastModified;
        entriesImported += imported;
        lastError = clip(problems);
    }

    /** Records a fetch that failed; the validators are kept, so the next poll asks again as before. */
    void failed(Instant now, String reason) {
        lastFetchedAt = now;
        lastStatus = FeedStatus.ERROR;
        lastError = clip(reason);
    }

    private static String clip(String text) {
        return Text.clip(text, MAX_ERROR);
    }
}
