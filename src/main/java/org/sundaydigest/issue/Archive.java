package org.sundaydigest.issue;

import java.io.StringWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.PageGlobals;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;

/** The public web versions of sent issues and their RSS feed. Nothing personal is ever in them. */
@ApplicationScoped
@Transactional
class Archive {

    record Entry(LocalDate date, String subject, String url) {
    }

    @Inject
    IssueContents contents;

    @Inject
    IssueRenderer renderer;

    @Inject
    DigestConfig config;

    List<Entry> entries() {
        return Issue.sentNewestFirst().stream()
                .map(issue -> new Entry(issue.sendDate, issue.subject, "/archive/" + issue.sendDate)).toList();
    }

    /** The web version of the issue sent on this date; empty for a date that is not one of a sent issue. */
    Optional<String> webVersion(String date) {
        LocalDate sendDate;
        try {
            sendDate = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Issue.forDate(sendDate).filter(issue -> issue.status == IssueStatus.SENT)
                .map(issue -> renderer.forArchive(contents.snapshotOf(issue)));
    }

    private record Cached(String fingerprint, String xml) {
    }

    private final AtomicReference<Cached> cachedFeed = new AtomicReference<>();

    /**
     * RSS 2.0 of every sent issue. Anyone may ask for it as often as they like, so it is written once per set of sent
     * issues and served from memory until another is sent; telling costs one small query.
     */
    String feed() {
        String fingerprint = Issue.sentFingerprint();
        Cached cached = cachedFeed.get();
        if (cached != null && cached.fingerprint().equals(fingerprint)) {
            return cached.xml();
        }
        String xml = writeFeed();
        cachedFeed.set(new Cached(fingerprint, xml));
        return xml;
    }

    private String writeFeed() {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("rss_2.0");
        feed.setTitle(config.publicationName());
        feed.setLink(config.baseUrl() + "/archive");
        feed.setDescription("Every issue of " + PageGlobals.thePublication());
        List<SyndEntry> items = new ArrayList<>();
        for (Issue issue : Issue.sentNewestFirst()) {
            IssueContent content = contents.snapshotOf(issue);
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
        }
        feed.setEntries(items);
        StringWriter out = new StringWriter();
        try {
            new SyndFeedOutput().output(feed, out);
        } catch (java.io.IOException | FeedException e) {
            throw new IllegalStateException("the archive's feed could not be written", e);
        }
        return out.toString();
    }
}
