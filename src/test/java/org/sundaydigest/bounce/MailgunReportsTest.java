package org.sundaydigest.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.sundaydigest.bounce.SnsMessagesTest.assertRefused;
import static org.sundaydigest.bounce.SnsMessagesTest.fixture;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.sundaydigest.bounce.Report.Kind;
import org.sundaydigest.bounce.Report.Source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class MailgunReportsTest {

    private static final String KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    private static final long SENT = 1710054161L;
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void aCallSignedWithTheSigningKeyIsVerified() throws Exception {
        JsonNode root = signed("mailgun-permanent-failure.json", SENT, KEY);

        assertThatCode(() -> MailgunReports.verify(root, KEY, Instant.ofEpochSecond(SENT + 10), WINDOW))
                .doesNotThrowAnyException();
        assertThat(MailgunReports.token(root)).isEqualTo("a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0");
    }

    @Test
    void aCallSignedWithAnotherKeyIsRefusedWithoutRepeatingEither() throws Exception {
        JsonNode root = signed("mailgun-permanent-failure.json", SENT, "key-not-the-one");

        WebhookRefused refused = assertRefused(
                () -> MailgunReports.verify(root, KEY, Instant.ofEpochSecond(SENT), WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
        assertThat(refused.getMessage()).doesNotContain(KEY).doesNotContain("key-not-the-one")
                .doesNotContain(root.path("signature").path("signature").asText());
    }

    @Test
    void aTimestampChangedAfterSigningIsRefused() throws Exception {
        ObjectNode root = signed("mailgun-permanent-failure.json", SENT, KEY);
        ((ObjectNode) root.get("signature")).put("timestamp", Long.toString(SENT + 60));

        assertRefused(() -> MailgunReports.verify(root, KEY, Instant.ofEpochSecond(SENT + 60), WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
    }

    @Test
    void aCallOlderThanTheWindowIsRefused() throws Exception {
        JsonNode root = signed("mailgun-permanent-failure.json", SENT, KEY);

        assertThatCode(() -> MailgunReports.verify(root, KEY, Instant.ofEpochSecond(SENT).plus(WINDOW), WINDOW))
                .doesNotThrowAnyException();
        assertRefused(() -> MailgunReports.verify(root, KEY, Instant.ofEpochSecond(SENT + 301), WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
    }

    @Test
    void aCallDatedBeyondTheWindowInTheFutureIsRefused() throws Exception {
        JsonNode root = signed("mailgun-permanent-failure.json", SENT, KEY);

        assertRefused(() -> MailgunReports.verify(root, KEY, Instant.ofEpochSecond(SENT - 301), WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
        JsonNode farFuture = signed("mailgun-permanent-failure.json", Long.MAX_VALUE, KEY);
        assertRefused(() -> MailgunReports.verify(farFuture, KEY, Instant.ofEpochSecond(SENT), WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
    }

    @Test
    void aMissingSigningKeyAuthorizesNothing() throws Exception {
        JsonNode root = signed("mailgun-permanent-failure.json", SENT, KEY);

        assertRefused(() -> MailgunReports.verify(root, "", Instant.ofEpochSecond(SENT), WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
        assertRefused(() -> MailgunReports.verify(root, null, Instant.ofEpochSecond(SENT), WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
    }

    @Test
    void aSignatureBlockMissingOrOfTheWrongShapeIsMalformed() throws Exception {
        for (String body : List.of("{}", "{\"signature\": \"abc\"}", "{\"signature\": []}",
                "{\"signature\": {\"timestamp\": 1710054161, \"token\": \"t\", \"signature\": \"s\"}}",
                "{\"signature\": {\"timestamp\": \"soon\", \"token\": \"t\", \"signature\": \"s\"}}",
                "{\"signature\": {\"timestamp\": \"1710054161\", \"signature\": \"s\"}}")) {
            JsonNode root = MailgunReports.parse(body.getBytes(UTF_8));
            assertRefused(() -> MailgunReports.verify(root, KEY, Instant.ofEpochSecond(SENT), WINDOW),
                    WebhookRefused.Reason.MALFORMED);
        }
        assertRefused(() -> MailgunReports.token(parse("{\"signature\": {\"token\": 5}}")),
                WebhookRefused.Reason.MALFORMED);
    }

    @Test
    void aPermanentFailureIsPermanent() throws Exception {
        List<Report> reports = MailgunReports.of(MailgunReports.parse(fixture("mailgun-permanent-failure.json")));

        assertThat(reports).containsExactly(new Report(Source.MAILGUN, Kind.PERMANENT, "jane.reader@example.net", null,
                "<digest.0123456789abcdef0123456789abcdef01234567@example.org>",
                "550 5.1.1 The email account that you tried to reach does not exist.",
                Instant.ofEpochSecond(1710054161L, 329_574_000L), "mailgun:G9Bn5sl1TC6nu79C8C0bwg"));
    }

    @Test
    void aTemporaryFailureIsTemporary() throws Exception {
        List<Report> reports = MailgunReports.of(MailgunReports.parse(fixture("mailgun-temporary-failure.json")));

        assertThat(reports).containsExactly(new Report(Source.MAILGUN, Kind.TEMPORARY, "full@example.net", null,
                "<digest.aaaabbbbccccddddeeeeffff0000111122223333@example.org>",
                "452 4.2.2 The email account that you tried to reach is over quota.",
                Instant.ofEpochSecond(1710054312L, 480_000_000L), "mailgun:Fs7-5t81S2ufTTPHzpKwsA"));
    }

    @Test
    void aComplaintIsAComplaint() throws Exception {
        List<Report> reports = MailgunReports.of(MailgunReports.parse(fixture("mailgun-complained.json")));

        assertThat(reports).containsExactly(new Report(Source.MAILGUN, Kind.COMPLAINT, "mary@example.net", null,
                "<digest.fedcba9876543210fedcba9876543210fedcba98@example.org>", null,
                Instant.ofEpochSecond(1710062102L, 501_324_000L), "mailgun:-Agny091SquKnsrW2NEKUA"));
    }

    @Test
    void deliveriesAndOtherEventsGiveNoReports() throws Exception {
        assertThat(MailgunReports.of(MailgunReports.parse(fixture("mailgun-delivered.json")))).isEmpty();
        for (String event : List.of("accepted", "opened", "clicked", "unsubscribed", "rejected")) {
            ObjectNode root = signed("mailgun-permanent-failure.json", SENT, KEY);
            ((ObjectNode) root.get("event-data")).put("event", event);
            assertThat(MailgunReports.of(root)).as(event).isEmpty();
        }
        ObjectNode odd = signed("mailgun-permanent-failure.json", SENT, KEY);
        ((ObjectNode) odd.get("event-data")).put("severity", "sometimes");
        assertThat(MailgunReports.of(odd)).isEmpty();
    }

    @Test
    void eventDataOfTheWrongShapeIsMalformedOrIgnored() throws Exception {
        for (String body : List.of("{\"event-data\": []}", "{\"event-data\": \"failed\"}", "{}")) {
            assertRefused(() -> MailgunReports.of(MailgunReports.parse(body.getBytes(UTF_8))),
                    WebhookRefused.Reason.MALFORMED);
        }
        for (String body : List.of("[]", "not json", "", "{\"event-data\": {}} {}")) {
            assertRefused(() -> MailgunReports.parse(body.getBytes(UTF_8)), WebhookRefused.Reason.MALFORMED);
        }
        assertThat(MailgunReports.of(parse("{\"event-data\": {\"event\": 5, \"recipient\": \"a@example.net\"}}")))
                .isEmpty();
        assertThat(MailgunReports
                .of(parse("{\"event-data\": {\"event\": \"complained\", \"recipient\": [], " + "\"id\": \"x\"}}")))
                        .isEmpty();
        assertRefused(() -> MailgunReports.of(parse(
                "{\"event-data\": {\"event\": \"complained\", \"recipient\": " + "\"a@example.net\", \"id\": 5}}")),
                WebhookRefused.Reason.MALFORMED);
        assertThat(MailgunReports.of(parse("{\"event-data\": {\"event\": \"failed\", \"severity\": \"permanent\","
                + "\"recipient\": \"a@example.net\", \"id\": \"e-1\", \"timestamp\": \"1e-999999999\","
                + "\"delivery-status\": [], \"message\": {\"headers\": []}, \"reason\": \"bounce\"}}")))
                        .containsExactly(new Report(Source.MAILGUN, Kind.PERMANENT, "a@example.net", null, null,
                                "bounce", null, "mailgun:e-1"));
    }

    private static JsonNode parse(String body) throws WebhookRefused {
        return MailgunReports.parse(body.getBytes(UTF_8));
    }

    /** The fixture with its signature block made afresh: this timestamp, signed under this key. */
    private static ObjectNode signed(String fixture, long timestamp, String key) throws Exception {
        ObjectNode root = (ObjectNode) MailgunReports.parse(fixture(fixture));
        ObjectNode block = (ObjectNode) root.get("signature");
        String token = block.get("token").asText();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(UTF_8), "HmacSHA256"));
        block.put("timestamp", Long.toString(timestamp));
        block.put("signature", HexFormat.of().formatHex(mac.doFinal((timestamp + token).getBytes(UTF_8))));
        return root;
    }
}
