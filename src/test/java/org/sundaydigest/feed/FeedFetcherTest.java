package org.sundaydigest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fetching feeds over real HTTP from a local server: conditional requests, errors, redirects and limits. */
class FeedFetcherTest {

    private final FeedServer server = new FeedServer();
    private final FeedFetcher fetcher = new FeedFetcher(url -> {
        if (url.getHost().equals("internal.example.test")) {
            throw new AddressGuard.Refused("the host internal.example.test resolves to 10.0.0.1, a private address");
        }
    }, Duration.ofMillis(800), 64 * 1024, 2, "test");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aFeedIsFetchedWithItsValidatorsAndAnUnchangedOneAnswers304() throws Exception {
        server.document("/feed.xml", "wordpress.xml", "a");

        var first = (FeedFetcher.Fetched) fetcher.fetch(URI.create(server.url("/feed.xml")), null, null);
        assertThat(first.etag()).isNotBlank();
        assertThat(first.lastModified()).isEqualTo("Fri, 05 Mar 2010 16:20:11 GMT");
        assertThat(first.contentType()).startsWith("application/rss+xml");
        assertThat(new String(first.body(), "UTF-8")).contains("Market day");

        var second = fetcher.fetch(URI.create(server.url("/feed.xml")), first.etag(), first.lastModified());
        assertThat(second).isInstanceOf(FeedFetcher.NotModified.class);
        var asked = server.requests("/feed.xml").get(1).headers();
        assertThat(asked.getFirst("If-None-Match")).isEqualTo(first.etag());
        assertThat(asked.getFirst("If-Modified-Since")).isEqualTo("Fri, 05 Mar 2010 16:20:11 GMT");
    }

    @Test
    void aMissingOrFailingFeedSaysWhatTheServerAnswered() {
        server.status("/gone.xml", 404).status("/broken.xml", 500);

        assertThatThrownBy(() -> fetcher.fetch(URI.create(server.url("/gone.xml")), null, null))
                .hasMessage("the server answered HTTP 404 Not Found for " + server.url("/gone.xml"));
        assertThatThrownBy(() -> fetcher.fetch(URI.create(server.url("/broken.xml")), null, null))
                .hasMessage("the server answered HTTP 500 Internal Server Error for " + server.url("/broken.xml"));
    }

    @Test
    void redirectsAreFollowedWithinTheLimit() throws Exception {
        server.redirect("/old", 301, "/older").redirect("/older", 302, server.url("/feed.xml")).document("/feed.xml",
                "atom-links.xml", "b");

        var fetched = (FeedFetcher.Fetched) fetcher.fetch(URI.create(server.url("/old")), null, null);
        assertThat(fetched.url()).isEqualTo(URI.create(server.url("/feed.xml")));
    }

    @Test
    void tooManyRedirectsAreRefused() {
        server.redirect("/a", 302, "/b").redirect("/b", 307, "/c").redirect("/c", 308, "/d");

        assertThatThrownBy(() -> fetcher.fetch(URI.create(server.url("/a")), null, null))
                .isInstanceOf(FeedFetcher.Failed.class).hasMessageStartingWith("more than 2 redirects");
        assertThat(server.requests("/d")).isEmpty();
    }

    @Test
    void aRedirectToAnInternalAddressIsRefusedBeforeItIsFollowed() {
        server.redirect("/feed", 302, "http://internal.example.test/admin");

        assertThatThrownBy(() -> fetcher.fetch(URI.create(server.url("/feed")), null, null))
                .isInstanceOf(FeedFetcher.Failed.class)
                .hasMessage("redirected to http://internal.example.test/admin, which is refused: the host "
                        + "internal.example.test resolves to 10.0.0.1, a private address");
    }

    @Test
    void aSlowFeedTimesOut() {
        server.slow("/slow.xml", 5_000);

        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher.fetch(URI.create(server.url("/slow.xml")), null, null))
                .isInstanceOf(FeedFetcher.Failed.class).hasMessageStartingWith("no complete answer from 127.0.0.1:")
                .hasMessageEndingWith("within 0.8 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aDocumentLargerThanTheLimitIsRefused() {
        server.large("/huge.xml", 1024 * 1024);

        assertThatThrownBy(() -> fetcher.fetch(URI.create(server.url("/huge.xml")), null, null))
                .isInstanceOf(FeedFetcher.Failed.class).hasMessageEndingWith("is larger than 65536 bytes");
    }

    @Test
    void anUnreachableServerSaysSo() {
        String url = server.url("/feed.xml");
        server.close();

        assertThatThrownBy(() -> fetcher.fetch(URI.create(url), null, null)).isInstanceOf(FeedFetcher.Failed.class)
                .hasMessageStartingWith("could not connect to 127.0.0.1:");
    }

    @Test
    void aHostWhoseDnsTurnsPrivateAfterTheCheckIsRefusedAndNeverReached() throws Exception {
        server.document("/feed.xml", "wordpress.xml", "a");
        AtomicInteger lookups = new AtomicInteger();
        // Public for the first look, then the service's own machine: what a rebinding DNS server answers.
        AddressGuard.Resolver rebinding = host -> List.of(lookups.getAndIncrement() == 0
                ? InetAddress.getByName("93.184.216.34") : InetAddress.getLoopbackAddress());
        FeedFetcher pinned = new FeedFetcher(new AddressGuard(false, rebinding), Duration.ofMillis(800), 64 * 1024, 2,
                "test");
        URI url = URI.create("http://rebinding.example.test:" + URI.create(server.url("/")).getPort() + "/feed.xml");

        assertThatThrownBy(() -> pinned.fetch(url, null, null)).hasMessageContaining("refused")
                .hasMessageContaining("127.0.0.1");
        assertThat(server.requests("/feed.xml")).as("nothing reached the internal server").isEmpty();
    }

    @Test
    void theConnectionGoesToTheAddressTheGuardResolved() throws Exception {
        server.document("/feed.xml", "wordpress.xml", "a");
        AddressGuard.Resolver onlyOurs = host -> List.of(InetAddress.getLoopbackAddress());
        FeedFetcher pinned = new FeedFetcher(new AddressGuard(true, onlyOurs), Duration.ofMillis(800), 64 * 1024, 2,
                "test");
        URI url = URI.create("http://feeds.example.test:" + URI.create(server.url("/")).getPort() + "/feed.xml");

        var fetched = (FeedFetcher.Fetched) pinned.fetch(url, null, null);
        assertThat(new String(fetched.body(), "UTF-8")).contains("Market day");
        assertThat(server.requests("/feed.xml").get(0).headers().getFirst("Host")).startsWith("feeds.example.test");
    }

    @Test
    void aRedirectToAnImpossiblePortIsAFailureThatSaysSo() {
        server.redirect("/odd", 302, "http://localhost:99999/feed.xml");

        assertThatThrownBy(() -> fetcher.fetch(URI.create(server.url("/odd")), null, null))
                .isInstanceOf(FeedFetcher.Failed.class).hasMessageContaining("invalid URL");
    }
}
