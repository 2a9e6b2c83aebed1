package org.sundaydigest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.ScriptedSmtp;

import com.sun.net.httpserver.HttpServer;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The product's headline on every build: three packaged PostgreSQL jars, separate processes on one real PostgreSQL,
 * share a send to 3,000 readers through a relay that takes a while per message; one of them is killed with SIGKILL at
 * about a third and started again. Every reader gets the issue, at most the concurrency of the killed instance get a
 * second copy (with the first one's Message-ID), nobody else gets one, and the issue is SENT within two minutes of the
 * kill. Meanwhile the three instances poll one feed: it is fetched once per poll interval, not once per instance.
 */
class SeveralInstancesIT {

    private static final int READERS = 3000;
    private static final int CONCURRENCY = 4;
    private static final Duration FEED_POLL = Duration.ofSeconds(5);
    private static final LocalDate SEND_DATE = LocalDate.of(2052, 1, 4);
    private static final Path POSTGRES_JAR = PackagedApp.POSTGRES_JAR;

    private final List<Process> processes = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private ScriptedSmtp relay;
    private HttpServer publisher;

    @AfterEach
    void stopEverything() throws Exception {
        for (Process process : processes) {
            PackagedApp.stop(process);
        }
        if (publisher != null) {
            publisher.stop(0);
        }
        if (relay != null) {
            relay.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void threeInstancesShareASendAndOneKilledMidwaySkipsNobodyAndRepeatsOnlyWhatWasInFlight() throws Exception {
        PackagedApp.assumePostgresBuild();
        postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
        PackagedApp.Database database = new PackagedApp.Database(
                "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "postgres");
        relay = new ScriptedSmtp();
        relay.delayEachMessage(Duration.ofMillis(25));
        AtomicInteger feedFetches = new AtomicInteger();
        String feedUrl = startPublisher(feedFetches);

        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path dir = Files.createTempDirectory("sunday-digest-instance-" + i);
            Map<String, String> env = new HashMap<>(PackagedApp.environment(PackagedApp.freePort(), relay.port()));
            env.put("DIGEST_DELIVERY_RATE_PER_SECOND", "0");
            env.put("DIGEST_FEEDS", feedUrl);
            env.put("DIGEST_FEEDS_POLL", FEED_POLL.toSeconds() + "s");
            env.put("DIGEST_FEEDS_ALLOW_PRIVATE", "true");
            instances.add(new Instance(new PackagedApp(dir, POSTGRES_JAR, database), env));
        }
        // The first one creates the schema; the readers are written while the others are not started yet.
        instances.get(0).start();
        List<String> readers = instances.get(0).app.insertActiveReaders(READERS, "shared");
        Instant feedWatchFrom = Instant.now();
        int fetchesBefore = feedFetches.get();
        instances.get(1).start();
        instances.get(2).start();

        Instance a = instances.get(0);
        a.editor().contentType(ContentType.JSON)
                .body(Map.of("url", "https://news.example.org/shared", "title", "Three presses, one edition", "section",
                        "News", "publishedAt", SEND_DATE.atTime(6, 0).toInstant(ZoneOffset.UTC).toString()))
                .when().post("/api/articles").then().statusCode(201);
        a.editor().contentType(ContentType.JSON).when().post("/api/digests/" + SEND_DATE + "/send").then()
                .statusCode(202);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> relay.accepted().size() >= READERS / 3);
        Instance victim = instances.get(1);
        victim.process.destroyForcibly();
        assertThat(victim.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Instant killed = Instant.now();
        int atKill = relay.accepted().size();
        assertThat(atKill).as("killed before the end").isLessThan(READERS);
        victim.start();

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> "SENT".equals(
                a.editor().when().get("/api/digests/" + SEND_DATE).then().statusCode(200).extract().path("status")));
        Duration toSent = Duration.between(killed, Instant.now());
        Duration watched = Duration.between(feedWatchFrom, Instant.now());
        int fetches = feedFetches.get() - fetchesBefore;

        Map<String, List<String>> idsByReader = new HashMap<>();
        relay.accepted()
                .forEach(m -> idsByReader.computeIfAbsent(m.recipient(), r -> new ArrayList<>()).add(m.messageId()));
        assertThat(idsByReader.keySet()).as("nobody outside the list got a copy").isSubsetOf(new HashSet<>(readers));
        int repeats = 0;
        for (String reader : readers) {
            List<String> ids = idsByReader.getOrDefault(reader, List.of());
            assertThat(ids).as("copies for %s", reader).isNotEmpty();
            assertThat(ids).as("the Message-IDs of %s's copies", reader).containsOnly(ids.get(0));
            repeats += ids.size() - 1;
        }
        System.out.printf(
                "Three instances, %d readers: killed one after %d messages; %d repeats; SENT %d s after the kill;"
                        + " the feed was fetched %d times in %d s with a %d s poll%n",
                READERS, atKill, repeats, toSent.toSeconds(), fetches, watched.toSeconds(), FEED_POLL.toSeconds());
        assertThat(repeats).as("messages sent twice").isLessThanOrEqualTo(CONCURRENCY);
        // A timer may take its turn up to a tenth of the interval early (JobRuns.EARLY); three instances polling on
        // their own would fetch about three times as often.
        long shortestGap = (long) (FEED_POLL.toMillis() * (1 - 0.1));
        assertThat(fetches).as("feed fetches in %d s", watched.toSeconds()).isPositive()
                .isLessThanOrEqualTo((int) (watched.toMillis() / shortestGap) + 2);
    }

    /** A publisher's feed on loopback that counts how often it is fetched. */
    private String startPublisher(AtomicInteger fetches) throws IOException {
        publisher = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] feed = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Publisher</title><link>https://news.example.org/</link>
                <description>News</description><item><title>From the feed</title>
                <link>https://news.example.org/from-the-feed</link><guid>from-the-feed</guid>
                <pubDate>Mon, 01 Jan 2052 06:00:00 GMT</pubDate></item></channel></rss>
                """.getBytes(StandardCharsets.UTF_8);
        publisher.createContext("/feed.xml", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, feed.length);
            exchange.getResponseBody().write(feed);
            exchange.close();
        });
        publisher.start();
        return "http://127.0.0.1:" + publisher.getAddress().getPort() + "/feed.xml";
    }

    /** One packaged jar with its own working directory, port and log. */
    private final class Instance {
        final PackagedApp app;
        final Map<String, String> env;
        final String base;
        Process process;

        Instance(PackagedApp app, Map<String, String> env) {
            this.app = app;
            this.env = env;
            this.base = "http://localhost:" + env.get("QUARKUS_HTTP_PORT");
        }

        void start() throws Exception {
            process = app.start(env);
            processes.add(process);
            app.awaitReady(process, base);
        }

        RequestSpecification editor() {
            return given().baseUri(base).auth().preemptive().basic(PackagedApp.ADMIN, PackagedApp.ADMIN_PASSWORD);
        }
    }
}
