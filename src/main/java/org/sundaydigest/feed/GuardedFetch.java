package org.sundaydigest.feed;

import java.net.URI;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.common.DigestConfig;

/**
 * The feeds' careful HTTP client for other features that must fetch a URL named by someone outside: no internal
 * addresses (unless feeds may use them), no redirects, a short timeout and a small size limit.
 */
@ApplicationScoped
public class GuardedFetch {

    private static final long MAX_BYTES = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The URL could not be fetched; the message says why, in words. */
    public static class Failed extends Exception {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    private final FeedFetcher fetcher;

    @Inject
    GuardedFetch(DigestConfig config) {
        fetcher = new FeedFetcher(new AddressGuard(config.feeds().allowPrivate()), TIMEOUT, MAX_BYTES, 0,
                config.publicationName() + " (" + config.baseUrl() + ")");
    }

    /** The body of a successful GET of the URL, at most 64 KiB. */
    public byte[] get(URI url) throws Failed {
        try {
            if (fetcher.fetch(url, null, null) instanceof FeedFetcher.Fetched fetched) {
                return fetched.body();
            }
            throw new Failed("no new document at " + url);
        } catch (FeedFetcher.Failed e) {
            throw new Failed(e.getMessage());
        }
    }
}
