package org.sundaydigest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The exactly-once rule against the worst case: the packaged jar killed with SIGKILL in the middle of a send, then
 * started again. Nobody may be skipped, no more messages than the concurrency (4 by default) may be repeated, each
 * repeat must carry the first copy's Message-ID, and the send must finish by itself within two minutes of the restart.
 * The H2 URL is given without {@code WRITE_DELAY}, as an operator may write it.
 */
class HardKillIT extends PackagedJarTest {

    private static final int READERS = 400;
    private static final int CONCURRENCY = 4;
    private static final LocalDate SEND_DATE = LocalDate.of(2051, 1, 1);

    @Test
    void aSendKilledMidwayResumesAfterTheRestartSkippingNobodyAndRepeatingOnlyWhatWasInFlight() throws Exception {
        int port = PackagedApp.freePort();
        String base = "http://localhost:" + port;
        Map<String, String> env = new HashMap<>(PackagedApp.environment(port, smtp.getSmtp().getPort()));
        // Slow enough to be killed in the middle; everything else is the default, including the one-minute lease.
        env.put("DIGEST_DELIVERY_RATE_PER_SECOND", "40");
        // An operator's URL without H2's WRITE_DELAY option: the service must make commits durable by itself.
        env.put("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:h2:file:./data/sunday-digest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH");

        // First run: the database is created; then the readers are written into it while the service is down.
        process = app.start(env);
        app.awaitReady(process, base);
        PackagedApp.stop(process);
        List<String> readers = app.insertActiveReaders(READERS, "killed");

        process = app.start(env);
        app.awaitReady(process, base);
        editor(base).contentType(ContentType.JSON)
                .body(Map.of("url", "https://news.example.org/kill", "title", "Harbour strike", "section", "News",
                        "publishedAt", SEND_DATE.atTime(6, 0).toInstant(ZoneOffset.UTC).toString()))
                .when().post("/api/articles").then().statusCode(201);
        editor(base).contentType(ContentType.JSON).when().post("/api/digests/" + SEND_DATE + "/send").then()
                .statusCode(202);

        assertThat(smtp.waitForIncomingEmail(60_000, READERS / 4)).as("a quarter sent before the kill").isTrue();
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        int beforeKill = smtp.getReceivedMessages().length;
        assertThat(beforeKill).as("killed before the end").isLessThan(READERS);

        process = app.start(env);
        app.awaitReady(process, base);
        Instant restarted = Instant.now();
        String status = awaitSent(base, Duration.ofMinutes(2));
        Duration toFinish = Duration.between(restarted, Instant.now());
        assertThat(status).as("status two minutes after the restart").isEqualTo("SENT");

        Map<String, List<String>> messageIds = messageIdsByRecipient();
        int repeats = 0;
        for (String reader : readers) {
            List<String> ids = messageIds.getOrDefault(reader, List.of());
            assertThat(ids).as("copies for %s", reader).isNotEmpty();
            assertThat(ids).as("the Message-IDs of %s's copies", reader).containsOnly(ids.get(0));
            repeats += ids.size() - 1;
        }
        System.out.printf("Hard kill after %d of %d messages; the send finished %d s after the restart; %d repeats%n",
                beforeKill, READERS, toFinish.toSeconds(), repeats);
        assertThat(repeats).as("messages sent twice").isLessThanOrEqualTo(CONCURRENCY);
        assertThat(Files.readString(app.log())).as("the log").contains("opened with WRITE_DELAY=0");
    }

    private String awaitSent(String base, Duration within) {
        AtomicReference<String> status = new AtomicReference<>();
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(500)).until(() -> {
                status.set(editor(base).when().get("/api/digests/" + SEND_DATE).then().statusCode(200).extract()
                        .path("status"));
                return "SENT".equals(status.get());
            });
        } catch (ConditionTimeoutException notSent) {
            // The caller's assertion names the status that was seen instead.
        }
        return status.get();
    }

    private Map<String, List<String>> messageIdsByRecipient() throws Exception {
        Map<String, List<String>> ids = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            String to = message.getAllRecipients()[0].toString();
            ids.computeIfAbsent(to, r -> new ArrayList<>()).add(message.getMessageID());
        }
        return ids;
    }

    private static RequestSpecification editor(String base) {
        return given().baseUri(base).auth().preemptive().basic(PackagedApp.ADMIN, PackagedApp.ADMIN_PASSWORD);
    }
}
