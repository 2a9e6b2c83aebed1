package org.sundaydigest.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.sundaydigest.article.ArticleRequest;
import org.sundaydigest.common.Hashing;
import org.sundaydigest.common.Text;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCSubject;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

/**
 * Reads an RSS (0.9x, 1.0, 2.0) or Atom 1.0 document with ROME and turns each entry into an article: link made
 * absolute, title and summary as plain text, author, section from the first category, date and image. Documents with a
 * DOCTYPE are refused (no external entities). An entry that cannot become an article is named, and the others go on.
 */
final class FeedReader {

    static final int MAX_TITLE = 500;
    static final int MAX_SUMMARY = 4000;
    static final int MAX_AUTHOR = 200;
    static final int MAX_SECTION = 100;
    /** A date later than now by more than this is taken as now: clocks and time zones of publishers go wrong. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);

    /** The most of a field's raw text that is read at all: markup around a 4,000-character summary fits easily. */
    static final int MAX_RAW = 100_000;
    /** How long one document may take to read; the entries after it are left for the next poll. */
    static final Duration TIME_BUDGET = Duration.ofSeconds(5);

    /** One entry as an article, by its GUID; {@code dated} is false when the feed gave it no date. */
    record Entry(String guid, ArticleRequest article, boolean dated) {

        /** What the entry says, so that an unchanged entry leaves its article alone. */
        String contentHash() {
            ArticleRequest a = article;
            return Hashing.sha256Hex(String.join("\u0000", a.url(), a.title(), Objects.toString(a.summary(), ""),
                    Objects.toString(a.author(), ""), Objects.toString(a.section(), ""),
                    Objects.toString(a.imageUrl(), ""), dated ? a.publishedAt().toString() : ""));
        }
    }

    /** The entries that became articles, and what went wrong with the others. */
    record Read(List<Entry> entries, List<String> problems) {
    }

    /** The document is not a feed that can be read; the message says why. */
    static class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, String> categories;
    private final List<String> sections;

    /**
     * @param categories
     *            sections by lower-cased category name
     * @param sections
     *            the publication's sections, whose spelling a category of the same name takes
     */
    FeedReader(Map<String, String> categories, List<String> sections) {
        this.categories = Map.copyOf(categories);
        this.sections = List.copyOf(sections);
    }

    /** Parses a {@code Category=Section} list as configured. */
    static Map<String, String> categoryMap(List<String> pairs) {
        java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException(
                        "digest.feeds.categories: '" + pair + "' is not of the form Category=Section");
            }
            map.put(pair.substring(0, eq).strip().toLowerCase(Locale.ROOT), pair.substring(eq + 1).strip());
        }
        return map;
    }

    /**
     * Reads the document fetched from {@code base} (relative links are resolved against it).
     *
     * @param feedSection
     *            the section of entries without a category, or null
     */
    Read read(byte[] body, String contentType, URI base, String feedSection, Instant now) throws Unreadable {
        SyndFeed feed = parse(body, contentType);
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int position = 0;
        long deadline = System.nanoTime() + TIME_BUDGET.toNanos();
        for (SyndEntry entry : feed.getEntries()) {
            if (System.nanoTime() > deadline) {
                problems.add("reading stopped after " + position + " of " + feed.getEntries().size()
                        + " entries: the feed took longer than " + TIME_BUDGET.toSeconds() + " s to read");
                break;
            }
            position++;
            try {
                entries.add(entry(entry, base, feedSection, now));
            } catch (IllegalArgumentException e) {
                problems.add(name(entry, position) + " " + e.getMessage());
            }
        }
        return new Read(entries, problems);
    }

    private static SyndFeed parse(byte[] body, String contentType) throws Unreadable {
        if (body.length == 0) {
            throw new Unreadable("the document is empty");
        }
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        input.setXmlHealerOn(true);
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            return input.build(reader);
        } catch (FeedException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("DOCTYPE")) {
                throw new Unreadable("the document declares a DOCTYPE, which is refused (it could make the service "
                        + "read other files or addresses)");
            }
            throw new Unreadable("the document is not well-formed XML: " + message.replaceFirst("^Invalid XML: ", ""));
        } catch (IllegalArgumentException e) {
            throw new Unreadable("the document is not an RSS or Atom feed");
        } catch (IOException e) {
            throw new Unreadable("the document could not be read: " + e.getMessage());
        }
    }

    private Entry entry(SyndEntry entry, URI base, String feedSection, Instant now) {
        String link = EntryLinks.page(entry, base);
        String title = clip(text(entry.getTitle()), MAX_TITLE);
        if (title == null) {
            throw new IllegalArgumentException("has no title");
        }
        Instant date = entry.getPublishedDate() != null ? entry.getPublishedDate().toInstant()
                : entry.getUpdatedDate() != null ? entry.getUpdatedDate().toInstant() : null;
        boolean dated = date != null;
        if (date == null || date.isAfter(now.plus(FUTURE_TOLERANCE))) {
            date = now;
        }
        String guid = Optional.ofNullable(entry.getUri()).map(String::strip).filter(s -> !s.isEmpty()).orElse(link);
        ArticleRequest article = new ArticleRequest(link, title, clip(text(summary(entry)), MAX_SUMMARY),
                clip(author(entry), MAX_AUTHOR), section(entry, feedSection), EntryLinks.image(entry, URI.create(link)),
                date);
        return new Entry(guid, article, dated);
    }

    private static String name(SyndEntry entry, int position) {
        String title = clip(text(entry.getTitle()), 80);
        return title == null ? "entry " + position : "entry " + position + " ('" + title + "')";
    }

    private static String summary(SyndEntry entry) {
        SyndContent description = entry.getDescription();
        if (description != null && description.getValue() != null && !description.getValue().isBlank()) {
            return description.getValue();
        }
        return entry.getContents().stream().map(SyndContent::getValue).filter(v -> v != null && !v.isBlank())
                .findFirst().orElse(null);
    }

    private static String author(SyndEntry entry) {
        String author = text(entry.getAuthor());
        if (author == null) {
            author = entry.getAuthors().stream().map(SyndPerson::getName).map(FeedReader::text).filter(Objects::nonNull)
                    .findFirst().orElse(null);
        }
        if (author == null) {
            return null;
        }
        return nameOf(author);
    }

    private String section(SyndEntry entry, String feedSection) {
        List<String> names = new ArrayList<>();
        entry.getCategories().stream().map(SyndCategory::getName).forEach(names::add);
        if (names.isEmpty() && entry.getModule(DCModule.URI) instanceof DCModule dc) {
            dc.getSubjects().stream().map(DCSubject::getValue).forEach(names::add);
        }
        for (String category : names) {
            String name = text(category);
            if (name != null) {
                String mapped = categories.get(name.toLowerCase(Locale.ROOT));
                if (mapped != null) {
                    return mapped;
                }
                return clip(sections.stream().filter(s -> s.equalsIgnoreCase(name)).findFirst().orElse(name),
                        MAX_SECTION);
            }
        }
        return feedSection;
    }

    /** The name in an RSS author of the form {@code jane@example.org (Jane Doe)}; the text itself otherwise. */
    static String nameOf(String author) {
        int open = author.indexOf('(');
        if (open <= 0 || !author.endsWith(")")) {
            return author;
        }
        String address = author.substring(0, open).strip();
        String name = author.substring(open + 1, author.length() - 1).strip();
        boolean isAddress = address.indexOf('@') > 0 && address.chars().noneMatch(Character::isWhitespace);
        return isAddress && !name.isEmpty() ? name : author;
    }

    /**
     * Plain text of a value that may hold markup or entities; whitespace collapsed; null when nothing is left. At most
     * {@link #MAX_RAW} characters of it are read, so a hostile feed cannot make the parser work for long.
     */
    static String text(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = Jsoup.parse(Text.cut(value, MAX_RAW)).text().replace('\u00a0', ' ').replaceAll("\\s+", " ")
                .strip();
        return text.isEmpty() ? null : text;
    }

    /** The text cut to at most {@code max} characters, at a word when there is one near, ending in an ellipsis. */
    static String clip(String text, int max) {
        return Text.clipAtWord(text, max);
    }
}
