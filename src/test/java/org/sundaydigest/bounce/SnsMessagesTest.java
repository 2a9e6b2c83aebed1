package org.sundaydigest.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.sundaydigest.bounce.SnsMessages.SnsMessage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class SnsMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SNS_URLS = Pattern.compile("https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/.*");
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:sunday-digest-bounces";
    private static final String CERT_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem";

    @Test
    void aSubscriptionConfirmationAsAwsDocumentsItParses() throws Exception {
        SnsMessage m = SnsMessages.parse(fixture("sns-subscription-confirmation.json"));

        assertThat(m.type()).isEqualTo("SubscriptionConfirmation");
        assertThat(m.messageId()).isEqualTo("165545c9-2a5c-472c-8df2-7ff2be2b3b1b");
        assertThat(m.topicArn()).isEqualTo(TOPIC);
        assertThat(m.subject()).isNull();
        assertThat(m.signatureVersion()).isEqualTo("1");
        assertThat(m.token()).startsWith("2336412f37fb687f");
        assertThat(m.subscribeUrl()).startsWith("https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription");
        assertThat(SnsMessages.trustedUrl(m.subscribeUrl(), SNS_URLS)).isTrue();
        assertThat(SnsMessages.trustedUrl(m.signingCertUrl(), SNS_URLS)).isTrue();
    }

    @Test
    void theStringToSignOfANotificationListsItsFieldsInTheDocumentedOrder() {
        SnsMessage withSubject = unsigned("the message", "the subject", "1");
        SnsMessage withoutSubject = unsigned("the message", null, "1");

        assertThat(SnsMessages.stringToSign(withSubject)).isEqualTo("Message\nthe message\nMessageId\nm-1\n"
                + "Subject\nthe subject\nTimestamp\n2024-03-10T07:02:42.108Z\nTopicArn\n" + TOPIC
                + "\nType\nNotification\n");
        assertThat(SnsMessages.stringToSign(withoutSubject)).isEqualTo("Message\nthe message\nMessageId\nm-1\n"
                + "Timestamp\n2024-03-10T07:02:42.108Z\nTopicArn\n" + TOPIC + "\nType\nNotification\n");
    }

    @Test
    void theStringToSignOfASubscriptionConfirmationNamesItsUrlAndToken() throws Exception {
        SnsMessage m = SnsMessages.parse(fixture("sns-subscription-confirmation.json"));

        assertThat(SnsMessages.stringToSign(m)).isEqualTo("Message\n" + m.message() + "\nMessageId\n" + m.messageId()
                + "\nSubscribeURL\n" + m.subscribeUrl() + "\nTimestamp\n" + m.timestamp() + "\nToken\n" + m.token()
                + "\nTopicArn\n" + TOPIC + "\nType\nSubscriptionConfirmation\n");
    }

    @Test
    void aNotificationSignedWithVersionOneVerifies() throws Exception {
        SnsMessage m = SnsMessages.parse(envelope(signed(unsigned("{\"notificationType\":\"Bounce\"}", null, "1"))));

        assertThatCode(() -> SnsMessages.verify(m, TestCertificate.create().certificate())).doesNotThrowAnyException();
    }

    @Test
    void aNotificationSignedWithVersionTwoVerifies() throws Exception {
        SnsMessage m = SnsMessages.parse(envelope(signed(unsigned("{\"notificationType\":\"Bounce\"}", "s", "2"))));

        assertThatCode(() -> SnsMessages.verify(m, TestCertificate.create().certificate())).doesNotThrowAnyException();
    }

    @Test
    void aSignedSubscriptionConfirmationVerifies() throws Exception {
        SnsMessage m = signed(SnsMessages.parse(fixture("sns-subscription-confirmation.json")));

        assertThatCode(() -> SnsMessages.verify(m, TestCertificate.create().certificate())).doesNotThrowAnyException();
    }

    @Test
    void aMessageChangedAfterSigningIsRefused() {
        SnsMessage m = signed(unsigned("{\"notificationType\":\"Bounce\"}", null, "2"));
        SnsMessage changed = new SnsMessage(m.type(), m.messageId(), m.topicArn(), m.subject(),
                "{\"notificationType\":\"Complaint\"}", m.timestamp(), m.signatureVersion(), m.signature(),
                m.signingCertUrl(), null, null);

        assertRefused(() -> SnsMessages.verify(changed, TestCertificate.create().certificate()),
                WebhookRefused.Reason.UNAUTHORIZED);
    }

    @Test
    void aSignatureCheckedAgainstAnotherCertificateIsRefused() {
        SnsMessage m = signed(unsigned("{}", null, "1"));

        assertRefused(() -> SnsMessages.verify(m, TestCertificate.other().certificate()),
                WebhookRefused.Reason.UNAUTHORIZED);
    }

    @Test
    void anUnknownSignatureVersionIsRefused() {
        SnsMessage signedAsTwo = signed(unsigned("{}", null, "2"));
        SnsMessage m = new SnsMessage(signedAsTwo.type(), signedAsTwo.messageId(), signedAsTwo.topicArn(), null,
                signedAsTwo.message(), signedAsTwo.timestamp(), "3", signedAsTwo.signature(), CERT_URL, null, null);

        WebhookRefused refused = assertRefused(() -> SnsMessages.verify(m, TestCertificate.create().certificate()),
                WebhookRefused.Reason.UNAUTHORIZED);
        assertThat(refused.getMessage()).doesNotContain(signedAsTwo.signature());
    }

    @Test
    void aSignatureThatIsNotBase64IsRefused() {
        SnsMessage m = new SnsMessage("Notification", "m-1", TOPIC, null, "{}", "2024-03-10T07:02:42.108Z", "1",
                "not base64!", CERT_URL, null, null);

        assertRefused(() -> SnsMessages.verify(m, TestCertificate.create().certificate()),
                WebhookRefused.Reason.UNAUTHORIZED);
    }

    @Test
    void theSigningCertificateIsReadFromPem() throws Exception {
        TestCertificate sns = TestCertificate.create();

        assertThat(SnsMessages.certificate(sns.pem().getBytes(UTF_8))).isEqualTo(sns.certificate());
        assertRefused(() -> SnsMessages.certificate("-----BEGIN CERTIFICATE-----\nAAAA\n".getBytes(UTF_8)),
                WebhookRefused.Reason.UNAUTHORIZED);
        assertRefused(() -> SnsMessages.certificate(new byte[0]), WebhookRefused.Reason.UNAUTHORIZED);
    }

    @Test
    void onlyUrlsOfSnsItselfAreTrusted() {
        assertThat(SnsMessages.trustedUrl(CERT_URL, SNS_URLS)).isTrue();
        assertThat(SnsMessages.trustedUrl("https://sns.cn-north-1.amazonaws.com.cn/x.pem", SNS_URLS)).isTrue();
        assertThat(SnsMessages.trustedUrl("https://sns.eu-west-1.amazonaws.com.evil.example/x.pem", SNS_URLS))
                .isFalse();
        assertThat(SnsMessages.trustedUrl("https://evil.example/sns.eu-west-1.amazonaws.com/x.pem", SNS_URLS))
                .isFalse();
        assertThat(SnsMessages.trustedUrl("http://sns.eu-west-1.amazonaws.com/x.pem", SNS_URLS)).isFalse();
        assertThat(SnsMessages.trustedUrl("https://user@sns.eu-west-1.amazonaws.com/x.pem", SNS_URLS)).isFalse();
        assertThat(SnsMessages.trustedUrl("https://sns.eu-west-1.amazonaws.com/x.pem#frag", SNS_URLS)).isFalse();
        assertThat(SnsMessages.trustedUrl("https://sns.eu-west-1.amazonaws.com/x y.pem", SNS_URLS)).isFalse();
        assertThat(SnsMessages.trustedUrl(null, SNS_URLS)).isFalse();
    }

    @Test
    void aUrlWithAnotherSchemeOrUserInfoIsNotTrustedWhateverThePattern() {
        Pattern anything = Pattern.compile(".*");

        assertThat(SnsMessages.trustedUrl("https://sns.eu-west-1.amazonaws.com/x.pem", anything)).isTrue();
        assertThat(SnsMessages.trustedUrl("file:///etc/passwd", anything)).isFalse();
        assertThat(SnsMessages.trustedUrl("ftp://sns.eu-west-1.amazonaws.com/x.pem", anything)).isFalse();
        assertThat(SnsMessages.trustedUrl("https://a:b@sns.eu-west-1.amazonaws.com/x.pem", anything)).isFalse();
        assertThat(SnsMessages.trustedUrl("mailto:sns@example.org", anything)).isFalse();
    }

    @Test
    void aMessageIsFreshWithinTheWindowEitherWay() {
        SnsMessage m = unsigned("{}", null, "1");
        Instant sent = Instant.parse("2024-03-10T07:02:42.108Z");
        Duration hour = Duration.ofHours(1);

        assertThat(SnsMessages.fresh(m, sent.plusSeconds(5), hour)).isTrue();
        assertThat(SnsMessages.fresh(m, sent.plus(hour), hour)).isTrue();
        assertThat(SnsMessages.fresh(m, sent.plus(hour).plusSeconds(1), hour)).isFalse();
        assertThat(SnsMessages.fresh(m, sent.minus(hour).minusSeconds(1), hour)).isFalse();
        SnsMessage odd = new SnsMessage("Notification", "m-1", TOPIC, null, "{}", "yesterday", "1", "", CERT_URL, null,
                null);
        assertThat(SnsMessages.fresh(odd, sent, hour)).isFalse();
    }

    @Test
    void bodiesNotShapedLikeSnsMessagesAreMalformed() {
        for (String body : new String[] { "", "not json", "[]", "\"Notification\"", "{}", "{\"Type\": 5}",
                "{\"Type\": \"Notification\"}", "{\"Type\": \"Surprise\", \"MessageId\": \"m\"}",
                "{\"Type\": \"Notification\", \"MessageId\": \"m\", \"TopicArn\": \"t\", \"Message\": {},"
                        + " \"Timestamp\": \"2024-03-10T07:02:42Z\", \"SignatureVersion\": \"1\","
                        + " \"Signature\": \"x\", \"SigningCertURL\": \"u\"}",
                "{\"Type\": \"Notification\"} trailing" }) {
            assertRefused(() -> SnsMessages.parse(body.getBytes(UTF_8)), WebhookRefused.Reason.MALFORMED);
        }
    }

    @Test
    void aSubscriptionConfirmationWithoutItsTokenIsMalformed() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(fixture("sns-subscription-confirmation.json"));
        root.remove("Token");

        assertRefused(() -> SnsMessages.parse(JSON.writeValueAsBytes(root)), WebhookRefused.Reason.MALFORMED);
    }

    static SnsMessage unsigned(String message, String subject, String version) {
        return new SnsMessage("Notification", "m-1", TOPIC, subject, message, "2024-03-10T07:02:42.108Z", version, "",
                CERT_URL, null, null);
    }

    /** The message signed by the test certificate with the algorithm its version names. */
    static SnsMessage signed(SnsMessage m) {
        String algorithm = "2".equals(m.signatureVersion()) ? "SHA256withRSA" : "SHA1withRSA";
        return new SnsMessage(m.type(), m.messageId(), m.topicArn(), m.subject(), m.message(), m.timestamp(),
                m.signatureVersion(), TestCertificate.create().sign(SnsMessages.stringToSign(m), algorithm),
                m.signingCertUrl(), m.subscribeUrl(), m.token());
    }

    /** The message as SNS posts it. */
    static byte[] envelope(SnsMessage m) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("Type", m.type()).put("MessageId", m.messageId()).put("TopicArn",
                m.topicArn());
        if (m.subject() != null) {
            root.put("Subject", m.subject());
        }
        root.put("Message", m.message()).put("Timestamp", m.timestamp()).put("SignatureVersion", m.signatureVersion())
                .put("Signature", m.signature()).put("SigningCertURL", m.signingCertUrl())
                .put("UnsubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe");
        return JSON.writeValueAsBytes(root);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = SnsMessagesTest.class.getResourceAsStream("/webhooks/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Runs the call, which must be refused for this reason; the refusal, for more checks. */
    static WebhookRefused assertRefused(Refusable call, WebhookRefused.Reason reason) {
        WebhookRefused refused = catchThrowableOfType(WebhookRefused.class, call::run);
        assertThat(refused).as("refusal").isNotNull();
        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(refused.getStackTrace()).isEmpty();
        return refused;
    }

    /** A call that may refuse a webhook. */
    interface Refusable {
        void run() throws Exception;
    }
}
