package org.sundaydigest.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sundaydigest.PackagedApp;

import io.restassured.filter.cookie.CookieFilter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The weekly send measured end to end: the packaged jar (the H2 build, and the PostgreSQL build) with N readers in its
 * database sends a typical issue to Postfix's smtp-sink through the real API, and a plain client then sends the same
 * rendered message to the same sink over the same number of connections. Run with {@code ./mvnw -Pbench clean verify};
 * see docs/performance.md.
 */
class SendBench {

    private static final LocalDate SEND_DATE = LocalDate.of(2055, 1, 2);

    record Row(String database, int readers, int connections, double appRate, double baselineRate,
            double firstMessageSeconds, double peakRssMib, double liveHeapMib, double cpuSeconds, double sendSeconds,
            double baselineCpuSeconds) {
    }

    @Test
    void theSendComesCloseToAPlainClientAndItsMemoryStaysFlat() throws Exception {
        int connections = Integer.getInteger("bench.connections", 10);
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.readers", "10000,100000").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        List<String> databases = Arrays.stream(System.getProperty("bench.databases", "h2,postgresql").split(","))
                .map(String::trim).toList();
        List<Row> rows = new ArrayList<>();
        for (String database : databases) {
            for (int readers : sizes) {
                Row row = database.equals("postgresql") ? onPostgres(readers, connections) : run("h2",
                        new PackagedApp(Files.createTempDirectory("sunday-digest-bench"), PackagedApp.JAR, null),
                        readers, connections);
                rows.add(row);
                System.out.println(format(List.of(row)));
            }
        }
        String table = format(rows);
        Path out = Path.of("target", "bench", "send.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.println(table);
        assertThat(rows).allSatisfy(row -> assertThat(row.appRate()).isPositive());
    }

    /**
     * The PostgreSQL build against a fresh embedded server with production durability: every commit waits for its WAL
     * to reach the disk, as the exactly-once rule needs.
     */
    private Row onPostgres(int readers, int connections) throws Exception {
        Path jar = Path.of(System.getProperty("postgres.jar", "target/postgres/quarkus-run.jar"));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on").start()) {
            PackagedApp.Database database = new PackagedApp.Database(
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "postgres");
            return run("postgresql", new PackagedApp(Files.createTempDirectory("sunday-digest-bench"), jar, database),
                    readers, connections);
        }
    }

    private Row run(String database, PackagedApp app, int readers, int connections) throws Exception {
        try (Sink sink = Sink.start()) {
            int port = PackagedApp.freePort();
            String base = "http://localhost:" + port;
            Map<String, String> env = new HashMap<>(PackagedApp.environment(port, sink.port()));
            env.put("DIGEST_DELIVERY_RATE_PER_SECOND", "0");
            // Plain http, as the benchmark reaches it: with an https public URL the desk's cookies are Secure, and
            // the editor following the send over http would never be signed in.
            env.put("DIGEST_PUBLIC_URL", base);
            // More senders than connections, so that a connection has the next message while a sender waits for
            // its outcome's commit; the connections to the relay are the same as the baseline's.
            env.put("DIGEST_DELIVERY_CONCURRENCY",
                    System.getProperty("bench.senders", String.valueOf(2 * connections)));
            env.put("QUARKUS_MAILER_MAX_POOL_SIZE", String.valueOf(connections));
            env.put("DIGEST_DELIVERY_POLL", "1s");
            // The heap an operator gives the service (docs/operations.md), so that memory shows what the send holds
            // rather than how far the collector let an unbounded heap grow; -Dbench.jvm adds options, e.g.
            // "-XX:StartFlightRecording=filename=/tmp/send.jfr" to profile the service.
            env.put("JAVA_TOOL_OPTIONS",
                    ("-Xmx" + System.getProperty("bench.heap", "512m") + " " + System.getProperty("bench.jvm", ""))
                            .trim());

            Process process = app.start(env);
            app.awaitReady(process, base);
            PackagedApp.stop(process);
            app.insertActiveReaders(readers, "bench");
            process = app.start(env);
            try {
                app.awaitReady(process, base);
                publishTypicalIssue(base);

                double cpuBefore = ProcessStats.cpuSeconds(process.pid());
                Instant started = Instant.now();
                editor(base).contentType(ContentType.JSON).when().post("/api/digests/" + SEND_DATE + "/send").then()
                        .statusCode(202);
                // Followed as an editor follows it: signed in to the desk, whose progress page polls every 1.5 s.
                CookieFilter desk = signedInToTheDesk(base);
                while (!"SENT".equals(
                        given().baseUri(base).filter(desk).when().get("/editor/issues/" + SEND_DATE + "/progress.json")
                                .then().statusCode(200).extract().path("status"))) {
                    Thread.sleep(1500);
                }
                double cpu = ProcessStats.cpuSeconds(process.pid()) - cpuBefore;
                double rss = ProcessStats.peakRssMib(process.pid());
                double liveHeap = ProcessStats.liveHeapMib(process.pid());
                String html = editor(base).when().get("/api/digests/" + SEND_DATE + "/preview").then().statusCode(200)
                        .extract().asString();
                String text = editor(base).queryParam("format", "text").when()
                        .get("/api/digests/" + SEND_DATE + "/preview").then().statusCode(200).extract().asString();
                String subject = editor(base).when().get("/api/digests/" + SEND_DATE).then().extract().path("subject");
                PackagedApp.stop(process);
                Instant[] firstAndLast = app.firstAndLastSent();
                double firstMessage = Duration.between(started, firstAndLast[0]).toMillis() / 1000.0;
                double seconds = Duration.between(started, firstAndLast[1]).toMillis() / 1000.0;

                // -Dbench.baseline=false leaves the plain client out, e.g. when its figure at this size is known.
                double baseline = Double.NaN;
                double clientCpu = Double.NaN;
                if (Boolean.parseBoolean(System.getProperty("bench.baseline", "true"))) {
                    long self = ProcessHandle.current().pid();
                    double clientCpuBefore = ProcessStats.cpuSeconds(self);
                    baseline = PlainClient.send(sink.port(), connections, readers, subject, html, text);
                    clientCpu = ProcessStats.cpuSeconds(self) - clientCpuBefore;
                }
                return new Row(database, readers, connections, readers / seconds, baseline, firstMessage, rss, liveHeap,
                        cpu, seconds, clientCpu);
            } finally {
                PackagedApp.stop(process);
                // A million readers fill gigabytes; the log stays for a look afterwards.
                app.deleteData();
            }
        }
    }

    /** Twelve articles in three sections, three with images: the issue the rendering tests call typical. */
    private static void publishTypicalIssue(String base) {
        String[] sections = { "News", "Investigations", "Opinion" };
        for (int i = 0; i < 12; i++) {
            Map<String, Object> article = new HashMap<>();
            article.put("url", "https://news.example.org/bench/" + i);
            article.put("title", "Benchmark story number " + i + " about the harbour and the council");
            article.put("summary",
                    "A summary of a few sentences, as the publication writes them for the digest. ".repeat(3));
            article.put("author", "Staff writer");
            article.put("section", sections[i % 3]);
            if (i % 4 == 0) {
                article.put("imageUrl", "https://news.example.org/images/" + i + ".jpg");
            }
            article.put("publishedAt",
                    SEND_DATE.atTime(6, 0).toInstant(ZoneOffset.UTC).minusSeconds(3600L * i).toString());
            editor(base).contentType(ContentType.JSON).body(article).when().post("/api/articles").then()
                    .statusCode(201);
        }
    }

    private static String format(List<Row> rows) {
        StringBuilder table = new StringBuilder(
                "| database | readers | connections | service msg/s | plain client msg/s | ratio | first message | send time | service CPU s | client CPU s | peak RSS MiB | live heap MiB |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            table.append(String.format(
                    "| %s | %,d | %d | %.0f | %.0f | %.2f | %.2f s | %.1f s | %.1f | %.1f | %.0f | %.0f |%n",
                    row.database(), row.readers(), row.connections(), row.appRate(), row.baselineRate(),
                    row.appRate() / row.baselineRate(), row.firstMessageSeconds(), row.sendSeconds(), row.cpuSeconds(),
                    row.baselineCpuSeconds(), row.peakRssMib(), row.liveHeapMib()));
        }
        return table.toString();
    }

    private static CookieFilter signedInToTheDesk(String base) {
        CookieFilter cookies = new CookieFilter();
        given().baseUri(base).filter(cookies).redirects().follow(false).formParam("username", PackagedApp.ADMIN)
                .formParam("password", PackagedApp.ADMIN_PASSWORD).when().post("/editor/login").then().statusCode(302);
        return cookies;
    }

    private static RequestSpecification editor(String base) {
        return given().baseUri(base).auth().preemptive().basic(PackagedApp.ADMIN, PackagedApp.ADMIN_PASSWORD);
    }
}
