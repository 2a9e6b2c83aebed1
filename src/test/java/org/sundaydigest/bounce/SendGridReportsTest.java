package org.sundaydigest.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.sundaydigest.bounce.SnsMessagesTest.assertRefused;
import static org.sundaydigest.bounce.SnsMessagesTest.fixture;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sundaydigest.bounce.Report.Kind;
import org.sundaydigest.bounce.Report.Source;

class SendGridReportsTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String TIMESTAMP = "1710054200";
    private static final Instant NOW = Instant.ofEpochSecond(1710054210L);

    private static KeyPair keys;
    private static KeyPair otherKeys;
    private static String publicKey;

    @BeforeAll
    static void makeKeys() throws GeneralSecurityException {
        keys = p256();
        otherKeys = p256();
        publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    @Test
    void aBatchSignedWithTheWebhookKeyIsVerified() throws Exception {
        byte[] body = fixture("sendgrid-events.json");
        String signature = sign(keys, TIMESTAMP, body);

        assertThatCode(() -> SendGridReports.verify(body, signature, TIMESTAMP, publicKey, NOW, WINDOW))
                .doesNotThrowAnyException();
    }

    @Test
    void theKeyMayBePastedWithItsPemArmour() throws Exception {
        byte[] body = fixture("sendgrid-events.json");
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        assertThatCode(() -> SendGridReports.verify(body, sign(keys, TIMESTAMP, body), TIMESTAMP, pem, NOW, WINDOW))
                .doesNotThrowAnyException();
    }

    @Test
    void aChangedBodyOrTimestampIsRefused() throws Exception {
        byte[] body = fixture("sendgrid-events.json");
        String signature = sign(keys, TIMESTAMP, body);
        byte[] changed = new String(body, UTF_8).replace("spamreport", "delivered").getBytes(UTF_8);

        assertRefused(() -> SendGridReports.verify(changed, signature, TIMESTAMP, publicKey, NOW, WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
        assertRefused(() -> SendGridReports.verify(body, signature, "1710054201", publicKey, NOW, WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
    }

    @Test
    void aBatchSignedWithAnotherKeyIsRefusedWithoutRepeatingTheSignature() throws Exception {
        byte[] body = fixture("sendgrid-events.json");
        String signature = sign(otherKeys, TIMESTAMP, body);

        WebhookRefused refused = assertRefused(
                () -> SendGridReports.verify(body, signature, TIMESTAMP, publicKey, NOW, WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
        assertThat(refused.getMessage()).doesNotContain(signature).doesNotContain(publicKey);
    }

    @Test
    void aBatchOutsideTheWindowEitherWayIsRefused() throws Exception {
        byte[] body = fixture("sendgrid-events.json");
        String signature = sign(keys, TIMESTAMP, body);
        Instant sent = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

        assertThatCode(() -> SendGridReports.verify(body, signature, TIMESTAMP, publicKey, sent.minus(WINDOW), WINDOW))
                .doesNotThrowAnyException();
        assertRefused(
                () -> SendGridReports.verify(body, signature, TIMESTAMP, publicKey, sent.plusSeconds(301), WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
        assertRefused(
                () -> SendGridReports.verify(body, signature, TIMESTAMP, publicKey, sent.minusSeconds(301), WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
        String farFuture = Long.toString(Long.MAX_VALUE);
        assertRefused(
                () -> SendGridReports.verify(body, sign(keys, farFuture, body), farFuture, publicKey, sent, WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
        assertRefused(() -> SendGridReports.verify(body, sign(keys, "soon", body), "soon", publicKey, sent, WINDOW),
                WebhookRefused.Reason.UNAUTHORIZED);
    }

    @Test
    void missingOrGarbledSignaturesAndKeysAreRefused() throws Exception {
        byte[] body = fixture("sendgrid-events.json");
        String signature = sign(keys, TIMESTAMP, body);
        String notDer = Base64.getEncoder().encodeToString("not a DER signature".getBytes(UTF_8));

        for (String[] headers : new String[][] { { null, TIMESTAMP }, { signature, null }, { "", TIMESTAMP },
                { "not base64!", TIMESTAMP }, { notDer, TIMESTAMP } }) {
            assertRefused(() -> SendGridReports.verify(body, headers[0], headers[1], publicKey, NOW, WINDOW),
                    WebhookRefused.Reason.UNAUTHORIZED);
        }
        for (String key : new String[] { null, "", "not base64!", notDer }) {
            assertRefused(() -> SendGridReports.verify(body, signature, TIMESTAMP, key, NOW, WINDOW),
                    WebhookRefused.Reason.UNAUTHORIZED);
        }
    }

    @Test
    void bouncesDropsOfBouncedAddressesAndSpamReportsAreReported() throws Exception {
        List<Report> reports = SendGridReports.of(fixture("sendgrid-events.json"));

        assertThat(reports).containsExactly(
                new Report(Source.SENDGRID, Kind.PERMANENT, "jane.reader@example.net", null,
                        "<digest.0123456789abcdef0123456789abcdef01234567@example.org>",
                        "5.1.1 550 5.1.1 The email account that you tried to reach does not exist.",
                        Instant.ofEpochSecond(1710054161L), "sendgrid:6g4ZI7SA-xmRDv57GoPIPw=="),
                new Report(Source.SENDGRID, Kind.TEMPORARY, "blocked@example.net", null,
                        "<digest.aaaabbbbccccddddeeeeffff0000111122223333@example.org>",
                        "5.7.1 550 5.7.1 Service unavailable; client host blocked using a block list",
                        Instant.ofEpochSecond(1710054170L), "sendgrid:Rlkr3uo9TPmnXNVw7UT0aQ=="),
                new Report(Source.SENDGRID, Kind.PERMANENT, "gone@example.net", null,
                        "<digest.00112233445566778899aabbccddeeff00112233@example.org>", "5.0.0 Bounced Address",
                        Instant.ofEpochSecond(1710054180L), "sendgrid:zmzJhfJgAfUSOW80yEbPyw=="),
                new Report(Source.SENDGRID, Kind.COMPLAINT, "mary@example.net", null, null, null,
                        Instant.ofEpochSecond(1710062102L), "sendgrid:yo_q6wz-TxOqAp9S3rSn1A=="));
    }

    @Test
    void dropsForOtherReasonsAreIgnored() throws Exception {
        for (String reason : List.of("Unsubscribed Address", "Spam Reporting Address", "Invalid SMTPAPI header")) {
            String body = "[{\"event\": \"dropped\", \"email\": \"a@example.net\", \"sg_event_id\": \"e\","
                    + " \"reason\": \"" + reason + "\"}]";
            assertThat(SendGridReports.of(body.getBytes(UTF_8))).as(reason).isEmpty();
        }
    }

    @Test
    void aBodyThatIsNotAnArrayIsMalformed() {
        for (String body : List.of("{}", "not json", "", "5", "[] []",
                "{\"event\": \"bounce\", \"email\": \"a@example.net\"}")) {
            assertRefused(() -> SendGridReports.of(body.getBytes(UTF_8)), WebhookRefused.Reason.MALFORMED);
        }
        assertRefused(() -> SendGridReports.of(null), WebhookRefused.Reason.MALFORMED);
    }

    @Test
    void eventsOfTheWrongShapeAreSkippedAndTheRestKept() throws Exception {
        String body = "[5, \"bounce\", null, [], {\"event\": 5}, {\"event\": \"bounce\", \"email\": 5,"
                + " \"sg_event_id\": \"a\"}, {\"event\": \"bounce\", \"email\": \"a@example.net\"},"
                + " {\"event\": \"bounce\", \"email\": \"a@example.net\", \"sg_event_id\": \"e\","
                + " \"timestamp\": \"soon\", \"type\": 7, \"status\": 5, \"reason\": {}, \"smtp-id\": []},"
                + " {\"event\": \"spamreport\", \"email\": \"b@example.net\", \"sg_event_id\": \"f\","
                + " \"timestamp\": \"1710062102\"}]";

        assertThat(SendGridReports.of(body.getBytes(UTF_8))).containsExactly(
                new Report(Source.SENDGRID, Kind.PERMANENT, "a@example.net", null, null, null, null, "sendgrid:e"),
                new Report(Source.SENDGRID, Kind.COMPLAINT, "b@example.net", null, null, null,
                        Instant.ofEpochSecond(1710062102L), "sendgrid:f"));
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** What SendGrid sends in its signature header: base64 of the DER ECDSA signature of timestamp and body. */
    private static String sign(KeyPair by, String timestamp, byte[] body) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(by.getPrivate());
        signature.update(timestamp.getBytes(UTF_8));
        signature.update(body);
        return Base64.getEncoder().encodeToString(signature.sign());
    }
}
