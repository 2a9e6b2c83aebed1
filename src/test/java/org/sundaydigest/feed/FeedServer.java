package org.sundaydigest.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** A publisher's web server on a free local port, serving the feed documents of {@code src/test/resources/feeds}. */
final class FeedServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Seen(String path, Headers headers) {
    }

    private final HttpServer server;
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    FeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            seen.add(new Seen(path, exchange.getRequestHeaders()));
            HttpHandler handler = routes.get(path);
            try (exchange) {
                if (handler == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException e) {
                // the client went away (a timeout or a refused body): nothing to answer
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /**
     * Serves the document with {@code {{id}}} replaced, with an ETag: a request that sends it back gets 304.
     */
    FeedServer document(String path, String resource, String id) {
        return document(path, resource, id, "application/rss+xml; charset=UTF-8");
    }

    FeedServer document(String path, String resource, String id, String contentType) {
        byte[] body = load(resource).replace("{{id}}", id).getBytes(StandardCharsets.UTF_8);
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
        routes.put(path, exchange -> {
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.getResponseHeaders().set("Last-Modified", "Fri, 05 Mar 2010 16:20:11 GMT");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
        return this;
    }

    FeedServer status(String path, int status) {
        routes.put(path, exchange -> exchange.sendResponseHeaders(status, -1));
        return this;
    }

    FeedServer redirect(String path, int status, String location) {
        routes.put(path, exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        });
        return this;
    }

    /** Answers the headers at once, then trickles the body far more slowly than any timeout. */
    FeedServer slow(String path, long millis) {
        routes.put(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("<?xml version=\"1.0\"?>".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return this;
    }

    /** Sends {@code bytes} bytes of a never-ending comment. */
    FeedServer large(String path, int bytes) {
        routes.put(path, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk);
            }
        });
        return this;
    }

    List<Seen> requests(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    static String load(String resource) {
        try (InputStream in = FeedServer.class.getResourceAsStream("/feeds/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test feed " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
