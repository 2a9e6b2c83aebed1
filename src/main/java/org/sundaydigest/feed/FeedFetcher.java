package org.sundaydigest.feed;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a feed document over HTTP: conditionally (ETag, Last-Modified), within a time limit for the whole fetch and a
 * size limit for the body, following redirects itself so that each target passes the {@link AddressGuard} too.
 */
class FeedFetcher {

    static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
            + "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";

    private static final Map<Integer, String> STATUS_NAMES = Map.of(400, "Bad Request", 401, "Unauthorized", 403,
            "Forbidden", 404, "Not Found", 410, "Gone", 429, "Too Many Requests", 500, "Internal Server Error", 502,
            "Bad Gateway", 503, "Service Unavailable", 504, "Gateway Timeout");

    /** The answer to a fetch. */
    sealed interface Result permits Fetched, NotModified {
    }

    /** A new document, from the URL it was finally read at, with the validators to send next time. */
    record Fetched(URI url, byte[] body, String contentType, String etag, String lastModified) implements Result {
    }

    /** The publisher says the document has not changed since the validators sent. */
    record NotModified() implements Result {
    }

    /** The feed could not be fetched; the message says why, in words. */
    static class Failed extends Exception {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    /** Anything that decides whether a URL may be fetched; each redirect target is checked again. */
    interface Guard {
        void check(URI url) throws AddressGuard.Refused, UnknownHostException;
    }

    private final HttpClient client;
    private final Guard guard;
    private final Duration timeout;
    private final long maxBytes;
    private final int maxRedirects;
    private final String userAgent;

    FeedFetcher(Guard guard, Duration timeout, long maxBytes, int maxRedirects, String userAgent) {
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.guard = guard;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.maxRedirects = maxRedirects;
        this.userAgent = userAgent;
    }

    /** Fetches the URL, sending the validators of the previous answer when there are any. */
    Result fetch(URI url, String etag, String lastModified) throws Failed {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current = url;
        for (int redirects = 0;; redirects++) {
            check(current, redirects > 0);
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET().header("User-Agent", userAgent)
                    .header("Accept", ACCEPT).timeout(remaining(deadline));
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                request.header("If-Modified-Since", lastModified);
            }
            HttpResponse<byte[]> response = send(request.build(), current, deadline);
            int status = response.statusCode();
            if (status == 304) {
                return new NotModified();
            }
            if (status / 100 == 2) {
                return new Fetched(current, response.body(), header(response, "Content-Type"), header(response, "ETag"),
                        header(response, "Last-Modified"));
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                if (redirects >= maxRedirects) {
                    throw new Failed("more than " + maxRedirects + " redirects, the last from " + current);
                }
                current = redirectTarget(current, header(response, "Location"));
                continue;
            }
            String name = STATUS_NAMES.get(status);
            throw new Failed(
                    "the server answered HTTP " + status + (name == null ? "" : " " + name) + " for " + current);
        }
    }

    private void check(URI url, boolean redirected) throws Failed {
        try {
            guard.check(url);
        } catch (AddressGuard.Refused e) {
            throw new Failed(
                    (redirected ? "redirected to " + url + ", which is refused: " : "refused: ") + e.getMessage());
        } catch (UnknownHostException e) {
            throw new Failed("the host " + url.getHost() + " could not be found");
        }
    }

    private static URI redirectTarget(URI from, String location) throws Failed {
        if (location == null || location.isBlank()) {
            throw new Failed("the server redirected from " + from + " without saying where to");
        }
        try {
            return from.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new Failed("the server redirected from " + from + " to an invalid URL: " + location.strip());
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request, URI url, long deadline) throws Failed {
        List<LimitedBody> bodies = new ArrayList<>();
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request, info -> {
            if (info.statusCode() / 100 != 2) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]);
            }
            LimitedBody body = new LimitedBody(maxBytes);
            synchronized (bodies) {
                bodies.add(body);
            }
            return body;
        });
        try {
            return answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            synchronized (bodies) {
                bodies.forEach(LimitedBody::abort);
            }
            throw timedOut(url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("the fetch of " + url + " was interrupted");
        } catch (ExecutionException e) {
            throw failure(e.getCause(), url);
        }
    }

    private Failed failure(Throwable cause, URI url) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof LimitedBody.TooLarge) {
                return new Failed("the document at " + url + " is larger than " + maxBytes + " bytes");
            }
            if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
                return timedOut(url);
            }
            if (t instanceof ConnectException) {
                return new Failed("could not connect to " + hostAndPort(url) + " (connection refused)");
            }
            if (t instanceof UnknownHostException) {
                return new Failed("the host " + url.getHost() + " could not be found");
            }
        }
        String detail = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
        return new Failed("could not read " + url + ": " + detail);
    }

    private Failed timedOut(URI url) {
        return new Failed("no complete answer from " + hostAndPort(url) + " within " + seconds(timeout));
    }

    private static String hostAndPort(URI url) {
        return url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : (millis / 1000.0) + " s";
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    }
}
