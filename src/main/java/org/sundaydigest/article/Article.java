package org.sundaydigest.article;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** A published piece of the publication; its canonical URL is its identity. */
@Entity
@Table(name = "article")
public class Article extends PanacheEntity {

    @Column(nullable = false, unique = true, length = 2048)
    public String url;

    @Column(nullable = false, length = 500)
    public String title;

    @Column(length = 4000)
    public String summary;

    @Column(length = 200)
    public String author;

    @Column(length = 100)
    public String section;

    @Column(name = "image_url", length = 2048)
    public String imageUrl;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<Article> findByUrl(String url) {
        return find("url", url).firstResultOptional();
    }

    /** Articles with {@code from <= publishedAt < to}, newest first. */
    public static List<Article> publishedBetween(Instant from, Instant to) {
        return list("publishedAt >= ?1 and publishedAt < ?2", Sort.descending("publishedAt").and("id"), from, to);
    }

    /** Articles matching whichever filters are given, newest first. */
    static List<Article> search(Optional<Instant> from, Optional<Instant> to, Optional<String> section, int page,
            int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        from.ifPresent(f -> {
            query.append(" and publishedAt >= :from");
            params.and("from", f);
        });
        to.ifPresent(t -> {
            query.append(" and publishedAt < :to");
            params.and("to", t);
        });
        section.ifPresent(s -> {
            query.append(" and lower(section) = :section");
            params.and("section", s.toLowerCase(java.util.Locale.ROOT));
        });
        return find(query.toString(), Sort.descending("publishedAt").and("id"), params).page(page, size).list();
    }

    /** A new article from a valid request, such as a feed entry; its URL is made canonical here. */
    public static Article create(ArticleRequest request, Instant now) {
        Article article = new Article();
        article.apply(request, CanonicalUrl.of(request.url()), now);
        article.persist();
        return article;
    }

    /** Takes every field from a valid request, such as a changed feed entry; its URL is made canonical here. */
    public void update(ArticleRequest request, Instant now) {
        apply(request, CanonicalUrl.of(request.url()), now);
    }

    /** Takes every field from the request; the URL given must already be canonical. */
    void apply(ArticleRequest request, String canonicalUrl, Instant now) {
        url = canonicalUrl;
        title = request.title();
        summary = request.summary();
        author = request.author();
        section = request.section();
        imageUrl = request.imageUrl();
        publishedAt = request.publishedAt();
        updatedAt = now;
        if (createdAt == null) {
            createdAt = now;
        }
    }
}
