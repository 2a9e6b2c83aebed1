package org.sundaydigest.delivery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.sundaydigest.testing.Api.asEditor;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.issue.IssueMessages;
import org.sundaydigest.issue.IssueStatus;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Issues;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;
import org.sundaydigest.testing.ScriptedSmtp;
import org.sundaydigest.testing.ScriptedSmtpResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A relay that refuses: 451 to everyone for a while, 550 for a mailbox that does not exist, 554 by policy for another.
 * Every other reader still gets exactly one copy; the refused ones fail, and only the missing mailbox bounces.
 */
@QuarkusTest
@WithTestResource(ScriptedSmtpResource.class)
class RelayRefusalsTest {

    @InjectMailbox
    ScriptedSmtp smtp;

    @Inject
    IssueMessages messages;

    private final List<Reader> readers = new ArrayList<>();

    @AfterEach
    void retireReaders() {
        Readers.retire(readers);
    }

    @Test
    void throttlingDefersAndPermanentRefusalsFailWithoutStoppingTheOthers() throws Exception {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Ferry timetable", "News");
        List<Reader> fine = Readers.insert(80, SubscriberStatus.ACTIVE, "fine");
        Reader missing = Readers.insert(1, SubscriberStatus.ACTIVE, "missing").get(0);
        Reader policy = Readers.insert(1, SubscriberStatus.ACTIVE, "policy").get(0);
        readers.addAll(fine);
        readers.add(missing);
        readers.add(policy);
        smtp.answer(missing.email(), "550 5.1.1 <" + missing.email() + ">: Recipient address rejected: User unknown");
        smtp.answer(policy.email(), "554 5.7.1 Message rejected by policy");
        smtp.throttleFor(Duration.ofSeconds(2));

        asEditor().when().post("/api/digests/" + date + "/send").then().statusCode(202);
        String openGauge = "digest_deliveries_open{issue=\"" + date + "\"";
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics().contains(openGauge));
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 90)).isEqualTo(IssueStatus.SENT);
        await("a sent issue leaves the gauge").atMost(Duration.ofSeconds(10))
                .until(() -> !metrics().contains(openGauge));

        assertThat(smtp.throttledReplies()).as("451 replies during the throttled start").isPositive();
        for (Reader reader : fine) {
            assertThat(smtp.acceptedFor(reader.email())).as("copies for %s", reader.email()).hasSize(1);
        }
        assertThat(smtp.acceptedFor(missing.email())).isEmpty();
        assertThat(smtp.acceptedFor(policy.email())).isEmpty();
        assertThat(Readers.statusOf(missing.id())).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(Readers.statusOf(policy.id())).isEqualTo(SubscriberStatus.ACTIVE);

        String csv = asEditor().when().get("/api/digests/" + date + "/deliveries.csv").then().statusCode(200).extract()
                .asString();
        assertThat(csv).contains(missing.id() + "," + missing.email() + ",FAILED").contains("550 5.1.1")
                .contains(policy.id() + "," + policy.email() + ",FAILED").contains("554 5.7.1");
        assertThat(csv.lines().filter(line -> line.matches("^\\d+,[^,]+,SENT,([2-9]|\\d{2,}),.*")).count())
                .as("readers sent at a later attempt, after a 451 at first").isPositive();
        // Readers of earlier tests are on the list too: everyone but the two refused was sent.
        int recipients = asEditor().when().get("/api/digests/" + date).then().body("delivery.failed", equalTo(2))
                .body("delivery.deferred", equalTo(0)).body("delivery.pending", equalTo(0))
                .body("delivery.perMinute", equalTo(0)).extract().path("delivery.recipients");
        assertThat(recipients).isGreaterThanOrEqualTo(fine.size() + 2);
        asEditor().when().get("/api/digests/" + date).then().body("delivery.sent", equalTo(recipients - 2));

        assertThat(metrics()).contains("digest_deliveries_total{outcome=\"deferred\"")
                .contains("digest_deliveries_total{outcome=\"bounced\"")
                .contains("digest_deliveries_total{outcome=\"sent\"").contains("digest_delivery_send_seconds_count");

        // The policy problem is fixed; retrying sends to the reader it refused, not to the bounced one.
        smtp.answer(policy.email(), null);
        asEditor().when().post("/api/digests/" + date + "/retry-failed").then().statusCode(202).body("retried",
                equalTo(1));
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 30)).isEqualTo(IssueStatus.SENT);
        assertThat(smtp.acceptedFor(policy.email())).hasSize(1);
        assertThat(smtp.acceptedFor(policy.email()).get(0).messageId()).as("derived again for the retry")
                .isEqualTo(messages.readerMessageId(date, policy.id())).matches("<digest\\.[0-9a-f]{40}@example\\.org>")
                .doesNotContain(String.valueOf(policy.id()));
        assertThat(smtp.acceptedFor(missing.email())).isEmpty();
        for (Reader reader : fine) {
            assertThat(smtp.acceptedFor(reader.email())).as("copies for %s after the retry", reader.email()).hasSize(1);
        }
        // The counters kept when the issue was first sent are counted anew after the retry.
        asEditor().when().get("/api/digests/" + date).then().body("delivery.failed", equalTo(1))
                .body("delivery.sent", equalTo(recipients - 1)).body("delivery.recipients", equalTo(recipients));
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
