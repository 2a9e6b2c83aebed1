package org.sundaydigest.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.sundaydigest.bounce.SnsMessagesTest.assertRefused;
import static org.sundaydigest.bounce.SnsMessagesTest.fixture;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sundaydigest.bounce.Report.Kind;
import org.sundaydigest.bounce.Report.Source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class PostmarkReportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHardBounceIsPermanentAndCarriesNoMessageId() throws Exception {
        List<Report> reports = PostmarkReports.of(fixture("postmark-hard-bounce.json"));

        assertThat(reports).containsExactly(new Report(Source.POSTMARK, Kind.PERMANENT, "jane.reader@example.net", null,
                null,
                "HardBounce: The server was unable to deliver your message (ex: unknown user, mailbox not found)."
                        + " smtp;550 5.1.1 The email account that you tried to reach does not exist.",
                Instant.parse("2024-03-10T07:02:41.9070259Z"), "postmark:4323372036854775807"));
    }

    @Test
    void aSoftBounceIsTemporaryEvenWithAnIdBeyondALong() throws Exception {
        List<Report> reports = PostmarkReports.of(fixture("postmark-soft-bounce.json"));

        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(report.email()).isEqualTo("full@example.net");
            assertThat(report.eventKey()).isEqualTo("postmark:4323372036854775808");
            assertThat(report.at()).isEqualTo(Instant.parse("2024-03-10T07:05:12.1234567Z"));
        });
    }

    @Test
    void aSpamComplaintIsAComplaint() throws Exception {
        List<Report> reports = PostmarkReports.of(fixture("postmark-spam-complaint.json"));

        assertThat(reports).containsExactly(new Report(Source.POSTMARK, Kind.COMPLAINT, "mary@example.net", null, null,
                "SpamComplaint: Test spam complaint details", Instant.parse("2024-03-10T09:15:02Z"), "postmark:42"));
    }

    @Test
    void aDeliveryGivesNoReport() throws Exception {
        assertThat(PostmarkReports.of(fixture("postmark-delivery.json"))).isEmpty();
    }

    @Test
    void onlyBounceTypesAboutTheAddressCount() throws Exception {
        for (String type : List.of("HardBounce", "BadEmailAddress")) {
            assertThat(PostmarkReports.of(bounce(type))).as(type).extracting(Report::kind)
                    .containsExactly(Kind.PERMANENT);
        }
        for (String type : List.of("SoftBounce", "Transient", "DnsError", "Blocked")) {
            assertThat(PostmarkReports.of(bounce(type))).as(type).extracting(Report::kind)
                    .containsExactly(Kind.TEMPORARY);
        }
        for (String type : List.of("AutoResponder", "Subscribe", "Unsubscribe", "OpenRelayTest", "Unknown",
                "ChallengeVerification", "InboundError", "SMTPApiError", "VirusNotification", "ManuallyDeactivated",
                "AddressChange", "SpamNotification", "Unconfirmed", "DMARCPolicy", "TemplateRenderingFailed")) {
            assertThat(PostmarkReports.of(bounce(type))).as(type).isEmpty();
        }
    }

    @Test
    void otherRecordTypesGiveNoReport() throws Exception {
        for (String recordType : List.of("Delivery", "Open", "Click", "SubscriptionChange", "Inbound")) {
            ObjectNode root = (ObjectNode) JSON.readTree(fixture("postmark-hard-bounce.json"));
            root.put("RecordType", recordType);
            assertThat(PostmarkReports.of(JSON.writeValueAsBytes(root))).as(recordType).isEmpty();
        }
    }

    @Test
    void fieldsOfTheWrongTypeAreIgnoredOrRefused() throws Exception {
        assertThat(PostmarkReports.of(bytes("{\"RecordType\": 5}"))).isEmpty();
        assertThat(PostmarkReports
                .of(bytes("{\"RecordType\": \"Bounce\", \"Type\": [], \"ID\": 1," + " \"Email\": \"a@example.net\"}")))
                        .isEmpty();
        assertThat(PostmarkReports
                .of(bytes("{\"RecordType\": \"Bounce\", \"Type\": \"HardBounce\", \"ID\": 1," + " \"Email\": 5}")))
                        .isEmpty();
        assertThat(PostmarkReports.of(bytes("{\"RecordType\": \"SpamComplaint\", \"ID\": 2}"))).isEmpty();
        assertThat(PostmarkReports.of(bytes("{\"RecordType\": \"Bounce\", \"Type\": \"HardBounce\", \"ID\": \"7\","
                + " \"Email\": \"a@example.net\", \"Description\": 5, \"Details\": {}, \"BouncedAt\": 1}")))
                        .containsExactly(new Report(Source.POSTMARK, Kind.PERMANENT, "a@example.net", null, null,
                                "HardBounce", null, "postmark:7"));
        assertRefused(() -> PostmarkReports.of(bytes("{\"RecordType\": \"Bounce\", \"Type\": \"HardBounce\","
                + " \"ID\": {}, \"Email\": \"a@example.net\"}")), WebhookRefused.Reason.MALFORMED);
        assertRefused(
                () -> PostmarkReports.of(bytes(
                        "{\"RecordType\": \"Bounce\", \"Type\": \"HardBounce\"," + " \"Email\": \"a@example.net\"}")),
                WebhookRefused.Reason.MALFORMED);
    }

    @Test
    void aBodyThatIsNotOneJsonObjectIsMalformed() {
        for (String body : List.of("[]", "not json", "", "5", "\"Bounce\"", "{} {}")) {
            assertRefused(() -> PostmarkReports.of(bytes(body)), WebhookRefused.Reason.MALFORMED);
        }
        assertRefused(() -> PostmarkReports.of(null), WebhookRefused.Reason.MALFORMED);
    }

    @Test
    void theRightBasicCredentialsAreAuthorized() {
        assertThat(PostmarkReports.authorized(basic("postmark:s3cret"), "postmark", "s3cret")).isTrue();
        assertThat(PostmarkReports.authorized("basic " + encode("postmark:s3cret"), "postmark", "s3cret")).isTrue();
        assertThat(PostmarkReports.authorized(basic("postmark:a:b:c"), "postmark", "a:b:c")).isTrue();
        assertThat(PostmarkReports.authorized(basic("pöstmark:sécret"), "pöstmark", "sécret")).isTrue();
    }

    @Test
    void wrongMissingOrGarbledCredentialsAreNotAuthorized() {
        assertThat(PostmarkReports.authorized(basic("postmark:s3creT"), "postmark", "s3cret")).isFalse();
        assertThat(PostmarkReports.authorized(basic("postmarK:s3cret"), "postmark", "s3cret")).isFalse();
        assertThat(PostmarkReports.authorized(basic("postmark:s3cret2"), "postmark", "s3cret")).isFalse();
        assertThat(PostmarkReports.authorized(basic("postmarks3cret"), "postmark", "s3cret")).isFalse();
        assertThat(PostmarkReports.authorized("Basic not*base64", "postmark", "s3cret")).isFalse();
        assertThat(PostmarkReports.authorized("Bearer " + encode("postmark:s3cret"), "postmark", "s3cret")).isFalse();
        assertThat(PostmarkReports.authorized("Basic", "postmark", "s3cret")).isFalse();
        assertThat(PostmarkReports.authorized("", "postmark", "s3cret")).isFalse();
        assertThat(PostmarkReports.authorized(null, "postmark", "s3cret")).isFalse();
    }

    @Test
    void unsetCredentialsAuthorizeNothing() {
        assertThat(PostmarkReports.authorized(basic(":"), "", "")).isFalse();
        assertThat(PostmarkReports.authorized(basic("postmark:"), "postmark", "")).isFalse();
        assertThat(PostmarkReports.authorized(basic("postmark:x"), "postmark", null)).isFalse();
    }

    /** The hard bounce of the documentation with another bounce type. */
    private static byte[] bounce(String type) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(fixture("postmark-hard-bounce.json"));
        root.put("Type", type);
        return JSON.writeValueAsBytes(root);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String basic(String credentials) {
        return "Basic " + encode(credentials);
    }

    private static String encode(String credentials) {
        return Base64.getEncoder().encodeToString(credentials.getBytes(UTF_8));
    }
}
