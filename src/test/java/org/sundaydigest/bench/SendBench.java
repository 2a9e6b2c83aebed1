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

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The weekly send measured end to end: the packaged jar (H2 build) with N readers in its database sends a typical issue
 * to Postfix's smtp-sink through the real API, and a plain client then sends the same rendered message to the same sink
 * over the same number of connections. Run with {@code ./mvnw -Pbench clean verify}; see docs/performance.md.
 */
class SendBench {

    private static final LocalDate SEND_DATE = LocalDate.of(2055, 1, 2);

    record Row(int readers, int connections, double appRate, double baselineRate, double firstMessageSeconds,
            double peakRssMib, double cpuSeconds, double sendSeconds) {
    }

    @Test
    void theSendComesCloseToAPlainClientAndItsMemoryStaysFlat() throws Exception {
        int connections = Integer.getInteger("bench.connections", 10);
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.readers", "10000,100000").split(","))
                .map(String::trim).map(Integer::valueOf).toList();
        List<Row> rows = new ArrayList<>();
        for (int readers : sizes) {
            Row row = run(readers, connections);
            rows.add(row);
            System.out.println(format(List.of(row)));
        }
        String table = format(rows);
        Path out = Path.of("target", "bench", "send.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.println(table);
        assertThat(rows).allSatisfy(row -> assertThat(row.appRate()).isPositive());
    }

    private Row run(int readers, int connections) throws Exception {
        Path workDir = Files.createTempDirectory("sunday-digest-bench");
        PackagedApp app = new PackagedApp(workDir);
        try (Sink sink = Sink.start()) {
            int port = PackagedApp.freePort();
            String base = "http://localhost:" + port;
            Map<String, String> env = new HashMap<>(PackagedApp.environment(port, sink.port()));
            env.put("DIGEST_DELIVERY_RATE_PER_SECOND", "0");
            env.put("DIGEST_DELIVERY_CONCURRENCY", String.valueOf(connections));
            env.put("QUARKUS_MAILER_MAX_POOL_SIZE", String.valueOf(connections));
            env.put("DIGEST_DELIVERY_POLL", "1s");
            // -Dbench.jvm="-XX:StartFlightRecording=filename=/tmp/send.jfr" profiles the service.
            String jvm = System.getProperty("bench.jvm", "");
            if (!jvm.isBlank()) {
                env.put("JAVA_TOOL_OPTIONS", jvm);
            }

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
                editor(base).when().post("/api/digests/" + SEND_DATE + "/send").then().statusCode(202);
                // Polled rarely: every API call checks the editor's bcrypt hash, which costs the service CPU.
                while (!"SENT"
                        .equals(editor(base).when().get("/api/digests/" + SEND_DATE).then().extract().path("status"))) {
                    Thread.sleep(2000);
                }
                double cpu = ProcessStats.cpuSeconds(process.pid()) - cpuBefore;
                double rss = ProcessStats.peakRssMib(process.pid());
                String html = editor(base).when().get("/api/digests/" + SEND_DATE + "/preview").then().statusCode(200)
                        .extract().asString();
                String text = editor(base).queryParam("format", "text").when()
                        .get("/api/digests/" + SEND_DATE + "/preview").then().statusCode(200).extract().asString();
                String subject = editor(base).when().get("/api/digests/" + SEND_DATE).then().extract().path("subject");
                PackagedApp.stop(process);
                Instant[] firstAndLast = app.firstAndLastSent();
                double firstMessage = Duration.between(started, firstAndLast[0]).toMillis() / 1000.0;
                double seconds = Duration.between(started, firstAndLast[1]).toMillis() / 1000.0;

                double baseline = PlainClient.send(sink.port(), connections, readers, subject, html, text);
                return new Row(readers, connections, readers / seconds, baseline, firstMessage, rss, cpu, seconds);
            } finally {
                PackagedApp.stop(process);
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
                "| readers | connections | service msg/s | plain client msg/s | ratio | first message | send time | CPU s | peak RSS MiB |\n"
                        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            table.append(
                    String.format("| %,d | %d | %.0f | %.0f | %.2f | %.2f s | %.1f s | %.1f | %.0f |%n", row.readers(),
                            row.connections(), row.appRate(), row.baselineRate(), row.appRate() / row.baselineRate(),
                            row.firstMessageSeconds(), row.sendSeconds(), row.cpuSeconds(), row.peakRssMib()));
        }
        return table.toString();
    }

    private static RequestSpecification editor(String base) {
        return given().baseUri(base).auth().preemptive().basic(PackagedApp.ADMIN, PackagedApp.ADMIN_PASSWORD);
    }
}
