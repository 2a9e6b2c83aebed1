package org.sundaydigest.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.sundaydigest.bounce.SnsMessagesTest.assertRefused;
import static org.sundaydigest.bounce.SnsMessagesTest.fixture;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sundaydigest.bounce.Report.Kind;
import org.sundaydigest.bounce.Report.Source;
import org.sundaydigest.bounce.SnsMessages.SnsMessage;

class SesReportsTest {

    private static final String FEEDBACK = "0100018e2a1b3c4d-5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9-000000";

    @Test
    void aPermanentBounceGivesOnePermanentReportPerRecipient() throws Exception {
        List<Report> reports = SesReports.of(notification(fixture("ses-bounce-notification.json")));

        assertThat(reports).containsExactly(
                new Report(Source.SES, Kind.PERMANENT, "jane.reader@example.net", null,
                        "<digest.0123456789abcdef0123456789abcdef01234567@example.org>",
                        "5.1.1 smtp; 550 5.1.1 <jane.reader@example.net>... User unknown",
                        Instant.parse("2024-03-10T07:02:41.237Z"), "ses:" + FEEDBACK + ":jane.reader@example.net"),
                new Report(Source.SES, Kind.PERMANENT, "richard@example.net", null,
                        "<digest.0123456789abcdef0123456789abcdef01234567@example.org>",
                        "5.1.1 smtp; 550 5.1.1 <richard@example.net>... User unknown",
                        Instant.parse("2024-03-10T07:02:41.237Z"), "ses:" + FEEDBACK + ":richard@example.net"));
    }

    @Test
    void aTransientBounceIsTemporaryAndSaysItsTypeWhenTheRecipientSaysNothing() throws Exception {
        List<Report> reports = SesReports.of(notification(fixture("ses-transient-bounce.json")));

        assertThat(reports).extracting(Report::kind).containsOnly(Kind.TEMPORARY);
        assertThat(reports).extracting(Report::email).containsExactly("full@example.net", "quiet@example.net");
        assertThat(reports).extracting(Report::reason).containsExactly("4.2.2 smtp; 452 4.2.2 Mailbox full",
                "Transient/MailboxFull");
    }

    @Test
    void sesOwnMessageIdIsNeverTakenForTheMessageIdHeader() throws Exception {
        List<Report> reports = SesReports.of(notification(fixture("ses-transient-bounce.json")));

        assertThat(reports).extracting(Report::messageId).containsOnlyNulls();
    }

    @Test
    void anUndeterminedBounceIsTemporary() throws Exception {
        List<Report> reports = SesReports.of(notification("{\"notificationType\": \"Bounce\", \"bounce\": {"
                + "\"bounceType\": \"Undetermined\", \"bounceSubType\": \"Undetermined\", \"feedbackId\": \"f-1\","
                + "\"bouncedRecipients\": [{\"emailAddress\": \"who@example.net\"}]}}"));

        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(report.reason()).isEqualTo("Undetermined/Undetermined");
            assertThat(report.eventKey()).isEqualTo("ses:f-1:who@example.net");
        });
    }

    @Test
    void aComplaintNamesItsFeedbackTypeAndTheMessageIdHeaderWhateverItsCase() throws Exception {
        List<Report> reports = SesReports.of(notification(fixture("ses-complaint-notification.json")));

        assertThat(reports).containsExactly(new Report(Source.SES, Kind.COMPLAINT, "mary@example.net", null,
                "<digest.fedcba9876543210fedcba9876543210fedcba98@example.org>", "complaint: abuse",
                Instant.parse("2024-03-10T09:15:02Z"),
                "ses:0100018e2a9f7c31-9b1e7d2a-4c3b-4a5d-8e6f-7a8b9c0d1e2f-000000:mary@example.net"));
    }

    @Test
    void theEventPublishingFormReadsLikeTheNotificationForm() throws Exception {
        List<Report> reports = SesReports.of(notification(fixture("ses-event-publishing-bounce.json")));

        assertThat(reports).containsExactly(new Report(Source.SES, Kind.PERMANENT, "gone@example.net", null,
                "<digest.00112233445566778899aabbccddeeff00112233@example.org>", "5.1.1 smtp; 550 5.1.1 user unknown",
                Instant.parse("2024-03-10T07:03:02.669Z"),
                "ses:0100018e2a1c0a11-61b59c11-9236-41e6-8f96-7be8a0e1f2a3-000000:gone@example.net"));
    }

    @Test
    void withoutAFeedbackIdTheSnsMessageIdKeysTheEvent() throws Exception {
        List<Report> reports = SesReports.of(notification("{\"eventType\": \"Complaint\", \"complaint\": {"
                + "\"complainedRecipients\": [{\"emailAddress\": \"Mary@Example.net\"}]}}"));

        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.eventKey()).isEqualTo("ses:sns-1:mary@example.net");
            assertThat(report.reason()).isEqualTo("complaint");
            assertThat(report.at()).isNull();
        });
    }

    @Test
    void deliveriesAndOtherNotificationsGiveNoReports() throws Exception {
        for (String message : new String[] { "{\"notificationType\": \"Delivery\", \"delivery\": {}}",
                "{\"eventType\": \"Open\", \"open\": {}}", "{\"eventType\": \"Send\"}",
                "{\"notificationType\": \"AmazonSnsSubscriptionSucceeded\", \"message\": \"ok\"}", "{}",
                "{\"notificationType\": 5}" }) {
            assertThat(SesReports.of(notification(message))).as(message).isEmpty();
        }
    }

    @Test
    void aMessageThatIsNotAnSesNotificationIsMalformed() {
        for (String message : new String[] { "not json", "", "[]", "\"Bounce\"", "{\"notificationType\": \"Bounce\"}",
                "{\"notificationType\": \"Bounce\", \"bounce\": \"Permanent\"}",
                "{\"notificationType\": \"Bounce\", \"bounce\": {\"bouncedRecipients\": {}}}",
                "{\"eventType\": \"Complaint\", \"complaint\": {\"complainedRecipients\": \"a@example.net\"}}" }) {
            assertRefused(() -> SesReports.of(notification(message)), WebhookRefused.Reason.MALFORMED);
        }
        assertRefused(() -> SesReports.of(notification((String) null)), WebhookRefused.Reason.MALFORMED);
    }

    @Test
    void fieldsOfTheWrongTypeAreIgnored() throws Exception {
        String bounce = "{\"notificationType\": \"Bounce\", \"bounce\": {\"bounceType\": 7, \"feedbackId\": 9,"
                + "\"bouncedRecipients\": [5, null, {\"emailAddress\": 5}, {\"emailAddress\": [\"a@example.net\"]},"
                + "{\"emailAddress\": \" \"}]}}";
        String complaint = "{\"notificationType\": \"Complaint\", \"complaint\": {\"timestamp\": 5,"
                + "\"complaintFeedbackType\": {}, \"complainedRecipients\": [{\"emailAddress\": \"a@example.net\"}]},"
                + "\"mail\": {\"headers\": {\"name\": \"Message-ID\", \"value\": \"<x@example.org>\"}}}";
        String headers = "{\"notificationType\": \"Complaint\", \"complaint\": {\"complainedRecipients\": ["
                + "{\"emailAddress\": \"a@example.net\"}]}, \"mail\": {\"headers\": [5, {\"name\": 5},"
                + "{\"name\": \"Message-ID\", \"value\": 7},"
                + "{\"name\": \"message-id\", \"value\": \"<y@example.org>\"}]}}";

        assertThat(SesReports.of(notification(bounce))).isEmpty();
        assertThat(SesReports.of(notification(complaint))).singleElement().satisfies(report -> {
            assertThat(report.messageId()).isNull();
            assertThat(report.at()).isNull();
            assertThat(report.reason()).isEqualTo("complaint");
        });
        assertThat(SesReports.of(notification(headers))).extracting(Report::messageId)
                .containsExactly("<y@example.org>");
    }

    private static SnsMessage notification(byte[] message) {
        return notification(new String(message, UTF_8));
    }

    /** An SNS notification carrying the message, as {@link SnsMessages#parse} gives it. */
    private static SnsMessage notification(String message) {
        return new SnsMessage("Notification", "sns-1", "arn:aws:sns:eu-west-1:123456789012:sunday-digest-bounces", null,
                message, "2024-03-10T07:02:42.108Z", "1", "c2lnbmF0dXJl",
                "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem", null, null);
    }
}
