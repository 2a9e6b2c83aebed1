package org.sundaydigest.feed;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Fetches a feed document over HTTP: conditionally (ETag, Last-Modified), within a time limit for the whole fetch and a
 * size limit for the body, following redirects itself so that each target passes the {@link AddressGuard} too. OkHttp
 * connects to the addresses the guard resolved and checked, never to a second answer of the host's DNS.
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

        /** The addresses a connection to the host may go to; all of them, unchecked, unless a guard says otherwise. */
        default List<InetAddress> addressesOf(String host) throws AddressGuard.Refused, UnknownHostException {
            return List.of(InetAddress.getAllByName(host));
        }
    }

    /** A host whose addresses the guard refused, as OkHttp's resolver can report it. */
    static final class RefusedHost extends UnknownHostException {
        RefusedHost(String message) {
            super(message);
        }
    }

    private final OkHttpClient client;
    private final Guard guard;
    private final Duration timeout;
    private final long maxBytes;
    private final int maxRedirects;
    private final String userAgent;

    FeedFetcher(Guard guard, Duration timeout, long maxBytes, int maxRedirects, String userAgent) {
        this.client = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false)
                .retryOnConnectionFailure(false).protocols(List.of(Protocol.HTTP_1_1)).connectTimeout(timeout)
                .readTimeout(timeout).dns(host -> {
                    try {
                        return guard.addressesOf(host);
                    } catch (AddressGuard.Refused e) {
                        throw new RefusedHost(e.getMessage());
                    }
                }).build();
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
            HttpUrl target = HttpUrl.parse(current.toString());
            if (target == null) {
                throw new Failed((redirects > 0 ? "redirected to " : "") + "an invalid URL: " + current);
            }
            Request.Builder request = new Request.Builder().url(target).get().header("User-Agent", userAgent)
                    .header("Accept", ACCEPT);
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                request.header("If-Modified-Since", lastModified);
            }
            Answer response = send(request.build(), current, deadline, redirects > 0);
            int status = response.status();
            if (status == 304) {
                return new NotModified();
            }
            if (status / 100 == 2) {
                return new Fetched(current, response.body(), response.header("Content-Type"), response.header("ETag"),
                        response.header("Last-Modified"));
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                if (redirects >= maxRedirects) {
                    throw new Failed("more than " + maxRedirects + " redirects, the last from " + current);
                }
                current = redirectTarget(current, response.header("Location"));
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

    /** What the server answered: the status, the headers that matter, and a body only for a 2xx answer. */
    private record Answer(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            String value = headers.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    private Answer send(Request request, URI url, long deadline, boolean redirected) throws Failed {
        Call call = client.newCall(request);
        call.timeout().timeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try (Response response = call.execute()) {
            Map<String, String> headers = new java.util.HashMap<>();
            for (String name : List.of("Content-Type", "ETag", "Last-Modified", "Location")) {
                String value = response.header(name);
                if (value != null) {
                    headers.put(name, value);
                }
            }
            byte[] body = response.isSuccessful() ? limited(response, url) : new byte[0];
            return new Answer(response.code(), headers, body);
        } catch (IOException e) {
            throw failure(e, url, redirected);
        }
    }

    /** The body up to the limit; the connection is dropped as soon as it grows beyond. */
    private byte[] limited(Response response, URI url) throws IOException, Failed {
        if (response.body().contentLength() > maxBytes) {
            throw tooLarge(url);
        }
        BufferedSource source = response.body().source();
        Buffer buffer = new Buffer();
        while (source.read(buffer, 8192) != -1) {
            if (buffer.size() > maxBytes) {
                throw tooLarge(url);
            }
        }
        return buffer.readByteArray();
    }

    private Failed tooLarge(URI url) {
        return new Failed("the document at " + url + " is larger than " + maxBytes + " bytes");
    }

    private Failed failure(IOException cause, URI url, boolean redirected) {
        if (cause instanceof RefusedHost refused) {
            return new Failed((redirected ? "redirected to " + url + ", which is refused: " : "refused: ")
                    + refused.getMessage());
        }
        if (cause instanceof UnknownHostException) {
            return new Failed("the host " + url.getHost() + " could not be found");
        }
        if (cause instanceof ConnectException) {
            return new Failed("could not connect to " + hostAndPort(url) + " (connection refused)");
        }
        if (cause instanceof InterruptedIOException) {
            return timedOut(url);
        }
        return new Failed("could not read " + url + ": " + (cause.getMessage() == null ? cause : cause.getMessage()));
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
}
