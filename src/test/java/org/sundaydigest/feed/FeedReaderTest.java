package org.sundaydigest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sundaydigest.article.ArticleRequest;

/** Feed documents in the shapes publishers produce, read into articles. */
class FeedReaderTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final URI BASE = URI.create("https://feeds.example.org/feed.xml");

    private final FeedReader reader = new FeedReader(
            FeedReader.categoryMap(List.of("World news=News", "reviews=Culture")),
            List.of("News", "Investigations", "Opinion", "Science"));

    @Test
    void anRss2FeedGivesPlainTextSummariesAuthorsSectionsAndImages() throws Exception {
        FeedReader.Read read = read("rss2-content-media.xml", "Section from feed");

        assertThat(read.entries()).hasSize(3);
        ArticleRequest bridge = read.entries().get(0).article();
        assertThat(bridge.url())
                .isEqualTo("https://Times.Example.org/x/bridge?utm_source=rss&utm_medium=feed#comments");
        assertThat(bridge.title()).isEqualTo("Bridge reopens after two years");
        assertThat(bridge.summary()).isEqualTo("The bridge is open again — at last.");
        assertThat(bridge.author()).isEqualTo("Ada Reporter");
        assertThat(bridge.section()).isEqualTo("News");
        assertThat(bridge.imageUrl()).isEqualTo("https://cdn.example.org/x/bridge.jpg");
        assertThat(bridge.publishedAt()).isEqualTo(Instant.parse("2010-03-03T09:30:00Z"));
        assertThat(read.entries().get(0).guid()).isEqualTo("times-x-1001");

        ArticleRequest budget = read.entries().get(1).article();
        assertThat(budget.summary()).isEqualTo("Budget Only the content, no description.");
        assertThat(budget.author()).isEqualTo("Jane Doe");
        assertThat(budget.section()).isEqualTo("Section from feed");
        assertThat(budget.imageUrl()).isEqualTo("https://cdn.example.org/x/budget.png");
    }

    @Test
    void anEntryWithoutALinkIsNamedAndTheOthersStillCount() throws Exception {
        FeedReader.Read read = read("rss2-content-media.xml", null);

        assertThat(read.problems())
                .containsExactly("entry 3 ('An entry without a link') has no link to an http or" + " https page");
        assertThat(read.entries()).extracting(e -> e.article().title()).doesNotContain("An entry without a link");
    }

    @Test
    void aDateFarInTheFutureIsTakenAsNowAndRelativeImagesAreMadeAbsolute() throws Exception {
        FeedReader.Entry future = read("rss2-content-media.xml", null).entries().get(2);

        assertThat(future.article().publishedAt()).isEqualTo(NOW);
        assertThat(future.dated()).isTrue();
        assertThat(future.article().section()).isEqualTo("Opinion");
        assertThat(future.article().imageUrl()).isEqualTo("https://times.example.org/images/x/future-thumb.jpg");
    }

    @Test
    void anAtomFeedTakesTheAlternateLinkTheEnclosureImageAndTheUpdatedDateWhenUnpublished() throws Exception {
        FeedReader.Read read = read("atom-links.xml", null);

        assertThat(read.problems()).isEmpty();
        ArticleRequest rock = read.entries().get(0).article();
        assertThat(rock.url()).isEqualTo("https://review.example.org/x/rock");
        assertThat(rock.title()).isEqualTo("Rock & roll never dies");
        assertThat(rock.summary()).isEqualTo("A loud & happy album.");
        assertThat(rock.author()).isEqualTo("Sam Critic");
        assertThat(rock.section()).isEqualTo("Culture");
        assertThat(rock.imageUrl()).isEqualTo("https://review.example.org/x/rock.jpg");
        assertThat(rock.publishedAt()).isEqualTo(Instant.parse("2010-03-02T09:00:00Z"));
        assertThat(read.entries().get(0).guid()).isEqualTo("tag:review.example.org,2010:x-1");

        ArticleRequest updatedOnly = read.entries().get(1).article();
        assertThat(updatedOnly.url()).isEqualTo("https://review.example.org/x/updated-only");
        assertThat(updatedOnly.summary()).isEqualTo("Plain text content.");
        assertThat(updatedOnly.publishedAt()).isEqualTo(Instant.parse("2010-03-04T08:15:00Z"));
        assertThat(updatedOnly.imageUrl()).isNull();
    }

    @Test
    void anRss1RdfFeedIsRead() throws Exception {
        ArticleRequest comet = read("rss1-rdf.xml", null).entries().get(0).article();

        assertThat(comet.url()).isEqualTo("https://science.example.org/x/comet");
        assertThat(comet.title()).isEqualTo("A comet comes back");
        assertThat(comet.summary()).isEqualTo("Seen every 76 years & seen again.");
        assertThat(comet.author()).isEqualTo("Carl Observer");
        assertThat(comet.section()).isEqualTo("Science");
        assertThat(comet.publishedAt()).isEqualTo(Instant.parse("2010-03-03T21:00:00Z"));
    }

    @Test
    void oddDatesAreReadAndAnUnreadableOneIsTakenAsNow() throws Exception {
        List<FeedReader.Entry> entries = read("odd-dates.xml", null).entries();

        assertThat(entries.get(0).article().publishedAt()).isEqualTo(Instant.parse("2010-03-03T08:05:00Z"));
        assertThat(entries.get(1).article().publishedAt()).isEqualTo(Instant.parse("2010-03-04T15:00:00Z"));
        assertThat(entries.get(2).article().publishedAt()).isEqualTo(Instant.parse("2010-03-05T07:45:00Z"));
        FeedReader.Entry undated = entries.get(3);
        assertThat(undated.dated()).isFalse();
        assertThat(undated.article().publishedAt()).isEqualTo(NOW);
        assertThat(undated.article().title()).isEqualTo("Café & bar");
        assertThat(undated.article().summary()).isEqualTo("Café – open late");
    }

    @Test
    void aWordPressFeedGivesTheExcerptAsPlainTextAndItsFirstCategory() throws Exception {
        FeedReader.Read read = read("wordpress.xml", null);

        ArticleRequest market = read.entries().get(0).article();
        assertThat(market.url()).isEqualTo("https://blog.example.org/2010/03/05/x-market-day/");
        assertThat(market.title()).isEqualTo("Market day moves to Saturday…");
        assertThat(market.summary())
                .isEqualTo("The market moves “for good”, the council says. Stalls open at 8 a.m. … Continue reading");
        assertThat(market.author()).isEqualTo("Blog Editor");
        assertThat(market.section()).isEqualTo("Uncategorized");
        assertThat(read.entries().get(0).guid()).isEqualTo("https://blog.example.org/?p=x");
    }

    @Test
    void aFeedWithADoctypeIsRefusedAndSaysWhy() {
        assertThatThrownBy(() -> read("doctype.xml", null)).isInstanceOf(FeedReader.Unreadable.class)
                .hasMessageContaining("DOCTYPE, which is refused");
    }

    @Test
    void aMalformedDocumentIsRefusedAndSaysWhere() {
        assertThatThrownBy(() -> read("malformed.xml", null)).isInstanceOf(FeedReader.Unreadable.class)
                .hasMessageStartingWith("the document is not well-formed XML");
    }

    @Test
    void anHtmlPageIsNotAFeed() {
        byte[] page = "<html><head><title>Home</title></head><body><p>Hi</p></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader.read(page, "text/html", BASE, null, NOW))
                .isInstanceOf(FeedReader.Unreadable.class).hasMessage("the document is not an RSS or Atom feed");
    }

    @Test
    void longTextsAreClippedAtAWord() {
        String clipped = FeedReader.clip("word ".repeat(1000).strip(), 4000);

        assertThat(clipped).hasSizeLessThanOrEqualTo(4000).endsWith("word…");
    }

    @Test
    void aCategoryListThatIsNotOfTheFormCategoryEqualsSectionIsRefused() {
        assertThatThrownBy(() -> FeedReader.categoryMap(List.of("Sport"))).hasMessageContaining("Category=Section");
        assertThat(FeedReader.categoryMap(List.of(" World News = News "))).isEqualTo(Map.of("world news", "News"));
    }

    private FeedReader.Read read(String resource, String section) throws FeedReader.Unreadable {
        byte[] body = FeedServer.load(resource).replace("{{id}}", "x").getBytes(StandardCharsets.UTF_8);
        return reader.read(body, "application/xml", BASE, section, NOW);
    }

    @Test
    void aHostileAuthorOfFourHundredThousandCharactersIsReadInWellUnderTwoSeconds() {
        String hostile = "a@".repeat(200_000);
        byte[] feed = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><item>"
                + "<title>Hostile</title><link>https://news.example.org/hostile</link><author>" + hostile
                + "</author></item></channel></rss>").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        FeedReader.Read read = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(2), () -> reader.read(feed, "application/rss+xml", BASE, null, NOW));

        assertThat(read.entries()).hasSize(1);
        assertThat(read.entries().get(0).article().author()).hasSizeLessThanOrEqualTo(FeedReader.MAX_AUTHOR);
    }

    @Test
    void anAuthorGivenAsAnAddressWithANameInParenthesesIsTheName() {
        assertThat(FeedReader.nameOf("jane@example.org (Jane Doe)")).isEqualTo("Jane Doe");
        assertThat(FeedReader.nameOf("jane@example.org (Jane (Editor))")).isEqualTo("Jane (Editor)");
        assertThat(FeedReader.nameOf("Jane (Editor)")).isEqualTo("Jane (Editor)");
        assertThat(FeedReader.nameOf("jane@example.org ()")).isEqualTo("jane@example.org ()");
    }
}
