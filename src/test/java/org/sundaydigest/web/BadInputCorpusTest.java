package org.sundaydigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Hostile and broken input at every public endpoint and the editors' main ones: control characters, a megabyte field,
 * wrong types, huge numbers, repeated parameters, broken UTF-8. Each answer is a 4xx or a success, never a 5xx, and
 * none shows a stack trace.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class BadInputCorpusTest {

    /** Values, already percent-encoded where they go into a URL or a form. */
    private static final List<String> CORPUS = List.of(enc("\u0000\u0001\r\nSet-Cookie: x=y"),
            enc("x".repeat(1_000_000)), "%ff%fe%c3%28", "2147483647", "-1", "99999999999999999999", enc("[]"),
            enc("{\"a\":1}"), enc("<script>alert(1)</script>"), enc("' OR 1=1 --"), enc("../../../etc/passwd"), "");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Probe(String method, String path, String contentType, String body, boolean editor) {
    }

    @Test
    void noBadInputGetsA5xxOrAStackTrace() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String value : CORPUS) {
            for (Probe probe : probes(value)) {
                HttpResponse<String> answer;
                try {
                    answer = send(probe);
                } catch (java.io.IOException reused) {
                    // The server may close a connection after refusing an oversized request; a new one must answer.
                    answer = null;
                }
                try {
                    answer = answer != null ? answer : send(probe);
                } catch (java.io.IOException closed) {
                    failures.add(probe.method() + " " + clip(probe.path()) + " with " + clip(value) + " -> no answer: "
                            + closed.getMessage());
                    continue;
                }
                String body = answer.body() == null ? "" : answer.body();
                if (answer.statusCode() >= 500 || body.contains("\tat ") || body.contains("Exception")) {
                    failures.add(probe.method() + " " + clip(probe.path()) + " with " + clip(value) + " -> "
                            + answer.statusCode() + " " + clip(body));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void brokenUtf8AndRawControlBytesInBodiesAreRefusedCleanly() throws Exception {
        byte[] broken = { '{', '"', 'e', 'm', 'a', 'i', 'l', '"', ':', '"', (byte) 0xff, (byte) 0xfe, 0, 1, '"', '}' };
        for (String path : List.of("/api/subscriptions", "/api/articles", "/api/feeds")) {
            HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .header("Authorization", basic()).POST(HttpRequest.BodyPublishers.ofByteArray(broken)).build();
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isBetween(400, 499);
            assertThat(answer.body()).doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    private static List<Probe> probes(String v) {
        String json = "{\"email\":\"" + v + "\",\"name\":\"" + v + "\",\"sections\":\"" + v + "\"}";
        return List.of(
                new Probe("POST", "/subscribe", "application/x-www-form-urlencoded",
                        "email=" + v + "&name=" + v + "&sections=" + v + "&sections=" + v, false),
                new Probe("POST", "/api/subscriptions", "application/json", json, false),
                new Probe("POST", "/api/subscriptions", "application/json",
                        "{\"email\":" + (v.isEmpty() ? "1" : "[" + v.length() + "]") + "}", false),
                new Probe("GET", "/subscribe/confirm?token=" + v + "&token=" + v, null, null, false),
                new Probe("POST", "/subscribe/confirm", "application/x-www-form-urlencoded", "token=" + v, false),
                new Probe("POST", "/subscribe/confirm/renew", "application/x-www-form-urlencoded", "token=" + v, false),
                new Probe("GET", "/unsubscribe?token=" + v, null, null, false),
                new Probe("POST", "/unsubscribe?token=" + v, "application/x-www-form-urlencoded",
                        "List-Unsubscribe=One-Click", false),
                new Probe("GET", "/archive/" + v, null, null, false),
                new Probe("POST", "/editor/login", "application/x-www-form-urlencoded",
                        "username=" + v + "&password=" + v, false),
                new Probe("GET", "/api/subscribers?page=" + v + "&size=" + v + "&status=" + v, null, null, true),
                new Probe("GET", "/api/articles?page=" + v + "&from=" + v + "&to=" + v + "&section=" + v, null, null,
                        true),
                new Probe("GET", "/api/digests/" + v + "/preview?format=" + v + "&subscriber=" + v, null, null, true),
                new Probe("POST", "/api/articles", "application/json",
                        "{\"url\":\"" + v + "\",\"title\":\"" + v + "\",\"publishedAt\":\"" + v + "\"}", true),
                new Probe("PUT", "/api/digests/2031-01-05", "application/json",
                        "{\"subject\":\"" + v + "\",\"pinned\":[\"" + v + "\"]}", true),
                new Probe("POST", "/api/feeds", "application/json", "{\"url\":\"" + v + "\"}", true));
    }

    private static HttpResponse<String> send(Probe probe) throws Exception {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(uri(probe.path()));
        } catch (IllegalArgumentException notAUri) {
            return new Refused();
        }
        request.method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(probe.body()));
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        if (probe.editor()) {
            request.header("Authorization", basic());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((Api.EDITOR + ":" + Api.EDITOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String clip(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }

    /** A URL the client itself will not build: nothing reached the service, so nothing can have failed there. */
    private static final class Refused implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return 400;
        }

        @Override
        public HttpRequest request() {
            return null;
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true);
        }

        @Override
        public String body() {
            return "";
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public URI uri() {
            return null;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
