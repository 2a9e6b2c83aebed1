package org.sundaydigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.sundaydigest.testing.Api.asEditor;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.issue.Issue;
import org.sundaydigest.issue.IssueService;
import org.sundaydigest.issue.IssueStatus;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.AdjustableClock;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Issues;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The weekly send over real SMTP: every active reader gets exactly one copy, whatever is repeated around it. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class SendingTest {

    @InjectMailbox
    Mailbox mailbox;

    @Inject
    IssueService digests;

    @Inject
    ClaimStore claims;

    @Inject
    AdjustableClock clock;

    private final List<Reader> readers = new ArrayList<>();

    @AfterEach
    void retireReaders() {
        clock.reset();
        Readers.retire(readers);
    }

    @Test
    void aSendReachesEveryActiveReaderExactlyOnceAndNobodyElse() throws Exception {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Harbour reopens", "News");
        List<Reader> active = remember(Readers.insert(300, SubscriberStatus.ACTIVE, "active"));
        List<Reader> away = remember(new ArrayList<>(Readers.insert(3, SubscriberStatus.PENDING, "pending")));
        away.addAll(remember(Readers.insert(3, SubscriberStatus.UNSUBSCRIBED, "gone")));
        away.addAll(remember(Readers.insert(3, SubscriberStatus.BOUNCED, "bounced")));

        long started = System.nanoTime();
        asEditor().when().post("/api/digests/" + date + "/send").then().statusCode(202)
                .body("status", equalTo("SENDING")).body("started", equalTo(true));
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 120)).isEqualTo(IssueStatus.SENT);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Sent %d messages to GreenMail in %.1f s: %.0f messages per second%n", active.size(), seconds,
                active.size() / seconds);

        Map<String, List<MimeMessage>> received = mailbox.byRecipient();
        assertThat(active.stream().map(r -> header(received.get(r.email()).get(0), "Message-ID")).distinct().count())
                .as("a Message-ID of each reader's own").isEqualTo(active.size());
        for (Reader reader : active) {
            List<MimeMessage> copies = received.getOrDefault(reader.email(), List.of());
            assertThat(copies).as("copies for %s", reader.email()).hasSize(1);
            MimeMessage copy = copies.get(0);
            assertThat(copy.getHeader("Message-ID", null)).as("keyed, on the domain of DIGEST_FROM")
                    .matches("<digest\\.[0-9a-f]{40}@example\\.org>");
            assertThat(copy.getHeader("Feedback-ID", null)).isEqualTo("issue-" + date + ":digest:digest.example.test");
            assertThat(copy.getHeader("Cc")).isNull();
            assertThat(Mailbox.emptyHeaders(copy)).as("empty headers").isEmpty();
            assertThat(copy.getHeader("List-Unsubscribe", null))
                    .startsWith("<" + Api.PUBLIC_URL + "/unsubscribe?token=");
            assertThat(copy.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(copy.getHeader("List-Id", null)).isEqualTo("Sunday Digest <digest.digest.example.test>");
            assertThat(copy.getSubject()).contains("Harbour reopens");
        }
        for (Reader reader : away) {
            assertThat(received.get(reader.email())).as("copies for %s (%s)", reader.email(), reader.status()).isNull();
        }
        asEditor().when().get("/api/digests/" + date).then().statusCode(200).body("delivery.pending", equalTo(0))
                .body("delivery.deferred", equalTo(0)).body("delivery.failed", equalTo(0));
        String csv = asEditor().when().get("/api/digests/" + date + "/deliveries.csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        for (Reader reader : active) {
            assertThat(csv).contains(reader.id() + "," + reader.email() + ",SENT,");
        }
    }

    @Test
    void repeatedStartsAtTheSameTimeSendNobodyASecondCopy() throws Exception {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Council vote", "News");
        List<Reader> active = remember(Readers.insert(60, SubscriberStatus.ACTIVE, "repeat"));

        ExecutorService starters = Executors.newFixedThreadPool(6);
        List<Callable<Integer>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(() -> asEditor().when().post("/api/digests/" + date + "/send").then().extract().statusCode());
            starts.add(() -> digests.startSending(date).recipients() >= 0 ? 202 : 500);
        }
        for (Future<Integer> start : starters.invokeAll(starts)) {
            assertThat(start.get()).isEqualTo(202);
        }
        starters.shutdown();
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);
        asEditor().when().post("/api/digests/" + date + "/send").then().statusCode(202).body("status", equalTo("SENT"))
                .body("started", equalTo(false));
        Api.flushMail(mailbox);

        Map<String, List<MimeMessage>> received = mailbox.byRecipient();
        assertThat(active.stream().map(r -> header(received.get(r.email()).get(0), "Message-ID")).distinct().count())
                .as("a Message-ID of each reader's own").isEqualTo(active.size());
        for (Reader reader : active) {
            assertThat(received.get(reader.email())).as("copies for %s", reader.email()).hasSize(1);
        }
    }

    @Test
    void recipientsClaimedByAnInstanceThatDiedAreSentByAnotherOnceTheLeaseRunsOut() throws Exception {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Port strike", "News");
        List<Reader> active = remember(Readers.insert(40, SubscriberStatus.ACTIVE, "orphan"));
        assertThat(digests.startSending(date).recipients()).isGreaterThanOrEqualTo(40);
        var now = clock.instant();
        // This instance's engine is held back an hour, before its next poll, so that the dead instance below claims
        // first: the recipients are due at the start time, which the engine's clock has not reached.
        clock.advance(Duration.ofHours(-1));
        long issueId = QuarkusTransaction.requiringNew().call(() -> Issue.forDate(date).orElseThrow().id);

        // An instance claims recipients and dies before sending any of them.
        int claimed = claims.claim(issueId, "dead-instance", 15, now, now.plus(Duration.ofMinutes(1)), 0, 0).claims()
                .size();
        assertThat(claimed).as("recipients the dead instance held").isPositive();
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> Issues.statusOf(date) == IssueStatus.SENDING);
        assertThat(Issues.awaitStatus(date, IssueStatus.SENDING, 1)).as("held recipients wait for their lease")
                .isEqualTo(IssueStatus.SENDING);

        clock.advance(Duration.ofHours(1).plusMinutes(2));
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);
        Api.flushMail(mailbox);
        Map<String, List<MimeMessage>> received = mailbox.byRecipient();
        assertThat(active.stream().map(r -> header(received.get(r.email()).get(0), "Message-ID")).distinct().count())
                .as("a Message-ID of each reader's own").isEqualTo(active.size());
        for (Reader reader : active) {
            assertThat(received.get(reader.email())).as("copies for %s", reader.email()).hasSize(1);
        }
        String csv = asEditor().when().get("/api/digests/" + date + "/deliveries.csv").then().extract().asString();
        assertThat(csv.lines().filter(line -> line.contains(",SENT,2,")).count())
                .as("recipients sent on their second claim").isEqualTo(claimed);
    }

    @Test
    void anIssueWithoutArticlesIsNotSentAndTheAnswerSaysWhy() {
        LocalDate date = Issues.freshSunday();
        remember(Readers.insert(2, SubscriberStatus.ACTIVE, "waiting"));

        asEditor().when().post("/api/digests/" + date + "/send").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("No article was published"))
                .body("errors[0].message", containsString("No article"));
        asEditor().when().get("/api/digests/" + date).then().statusCode(200).body("status", equalTo("DRAFT"))
                .body("delivery.recipients", equalTo(0));
    }

    @Test
    void anIssueThatFailsABlockingCheckIsNotSentAndTheAnswerListsTheProblems() {
        LocalDate date = Issues.freshSunday();
        String longSummary = "A long summary that keeps going. ".repeat(60);
        for (int i = 0; i < 70; i++) {
            String url = "https://news.example.org/long-" + java.util.UUID.randomUUID();
            asEditor().contentType(ContentType.JSON)
                    .body(Map.of("url", url, "title", "Long story " + i, "summary", longSummary, "section", "News",
                            "publishedAt", date.atTime(6, 0).toInstant(java.time.ZoneOffset.UTC).toString()))
                    .when().post("/api/articles").then().statusCode(201);
        }

        asEditor().when().post("/api/digests/" + date + "/send").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("KB"));
        asEditor().when().get("/api/digests/" + date).then().body("status", equalTo("DRAFT"))
                .body("delivery.recipients", equalTo(0));
    }

    @Test
    void sendingAndItsReportsNeedAnEditor() {
        LocalDate date = Issues.freshSunday();
        io.restassured.RestAssured.given().when().post("/api/digests/" + date + "/send").then().statusCode(401);
        io.restassured.RestAssured.given().when().post("/api/digests/" + date + "/retry-failed").then().statusCode(401);
        io.restassured.RestAssured.given().when().get("/api/digests/" + date + "/deliveries.csv").then()
                .statusCode(401);
        asEditor().when().get("/api/digests/" + date + "/deliveries.csv").then().statusCode(404)
                .contentType("application/problem+json");
        asEditor().when().post("/api/digests/not-a-date/send").then().statusCode(400).body("errors[0].field",
                equalTo("date"));
    }

    private List<Reader> remember(List<Reader> inserted) {
        readers.addAll(inserted);
        return inserted;
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
