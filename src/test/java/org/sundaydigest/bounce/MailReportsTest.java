package org.sundaydigest.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.sundaydigest.bounce.Report.Kind.COMPLAINT;
import static org.sundaydigest.bounce.Report.Kind.PERMANENT;
import static org.sundaydigest.bounce.Report.Kind.TEMPORARY;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.sundaydigest.bounce.MailReports.Reading;
import org.sundaydigest.bounce.MailReports.Verdict;

/** Emails in the bounce mailbox, as mail systems write them, and what they are read as. */
class MailReportsTest {

    private static final String VERP_ID = "0123456789abcdef0123456789abcdef01234567";
    private static final String BOUNCE = "bounces@example.org";
    private static final String MESSAGE_ID = "<digest." + VERP_ID + "@example.org>";
    private static final long MAX_BYTES = 1024 * 1024;

    @Test
    void aPostfixDeliveryStatusNotificationIsAPermanentBounceOfTheQuotedMessage() {
        Reading reading = read("postfix-dsn.eml");

        assertThat(reading.verdict()).isEqualTo(Verdict.REPORTS);
        Report report = single(reading);
        assertThat(report.source()).isEqualTo(Report.Source.MAILBOX);
        assertThat(report.kind()).isEqualTo(PERMANENT);
        assertThat(report.email()).isEqualTo("reader@example.net");
        assertThat(report.verpId()).isEqualTo(VERP_ID);
        assertThat(report.messageId()).isEqualTo(MESSAGE_ID);
        assertThat(report.reason()).isEqualTo("5.1.1 550 5.1.1 <reader@example.net>: Recipient address rejected: "
                + "User unknown in local recipient table");
        assertThat(report.at()).isEqualTo(Instant.parse("2024-01-07T07:01:12Z"));
        assertThat(report.eventKey())
                .isEqualTo("mailbox:<20240107070112.4F2A81C0123@mail.example.net>:reader@example.net:PERMANENT");
    }

    @Test
    void aDeliveryReportWithoutTheReturnedHeadersIsMatchedByItsVerpAddress() {
        Report report = single(read("postfix-dsn-no-headers.eml"));

        assertThat(report.kind()).isEqualTo(PERMANENT);
        assertThat(report.verpId()).isEqualTo(VERP_ID);
        assertThat(report.messageId()).isNull();
        assertThat(report.email()).isEqualTo("reader@example.net");
    }

    @Test
    void aDeliveryReportToThePlainBounceAddressIsMatchedByTheMessageIdOfTheReturnedMessage() {
        Report report = single(read("sendmail-dsn-rfc822.eml"));

        assertThat(report.kind()).isEqualTo(PERMANENT);
        assertThat(report.verpId()).isNull();
        assertThat(report.messageId()).isEqualTo(MESSAGE_ID);
        assertThat(report.email()).isEqualTo("reader@example.com");
        assertThat(report.reason()).isEqualTo("5.1.1 550 5.1.1 <reader@example.com>... User unknown");
    }

    @Test
    void aFullMailboxThatOutlastedTheQueueIsATemporaryBounce() {
        Report report = single(read("gmail-dsn-temporary.eml"));

        assertThat(report.kind()).isEqualTo(TEMPORARY);
        assertThat(report.email()).isEqualTo("reader@example.com");
        assertThat(report.verpId()).isEqualTo(VERP_ID);
        assertThat(report.messageId()).isEqualTo(MESSAGE_ID);
        assertThat(report.reason()).startsWith("4.2.2 The recipient's inbox is out of storage space.")
                .endsWith("https://support.google.com/mail/?p=OverQuotaTemp");
        assertThat(report.at()).isEqualTo(Instant.parse("2024-01-07T08:05:14Z"));
    }

    @Test
    void aDelayedDeliveryIsNoBounceYet() {
        Reading reading = read("postfix-delayed.eml");

        assertThat(reading.verdict()).isEqualTo(Verdict.UNRECOGNIZED);
        assertThat(reading.reports()).isEmpty();
        assertThat(reading.why()).isEqualTo("a delivery report with no failed recipient");
    }

    @Test
    void aDeliveryReportWithoutARecipientBlockIsLeftForAPerson() {
        String raw = resource("postfix-dsn.eml");
        String withoutRecipient = raw.substring(0, raw.indexOf("Final-Recipient:")) + raw
                .substring(raw.indexOf("--4F2A81C0123.1704610872/mail.example.net\nContent-Description: Undelivered"));

        Reading reading = readRaw(withoutRecipient);

        assertThat(reading.verdict()).isEqualTo(Verdict.UNRECOGNIZED);
        assertThat(reading.why()).isEqualTo("a delivery report with no failed recipient");
    }

    @Test
    void aDeliveryReportNamesEachRecipientItGaveUpOnWithAnEventKeyOfItsOwn() {
        Reading reading = read("postfix-dsn-two-recipients.eml");

        assertThat(reading.verdict()).isEqualTo(Verdict.REPORTS);
        assertThat(reading.reports()).extracting(Report::email, Report::kind, Report::verpId, Report::messageId)
                .containsExactly(tuple("reader@example.net", PERMANENT, VERP_ID, MESSAGE_ID),
                        tuple("partner@example.net", PERMANENT, VERP_ID, MESSAGE_ID));
        assertThat(reading.reports()).extracting(Report::eventKey).doesNotHaveDuplicates();
    }

    @Test
    void anAbuseReportIsAComplaintAboutTheReportedMessage() {
        Report report = single(read("arf-abuse.eml"));

        assertThat(report.kind()).isEqualTo(COMPLAINT);
        assertThat(report.email()).isEqualTo("reader@example.com");
        assertThat(report.verpId()).isEqualTo(VERP_ID);
        assertThat(report.messageId()).isEqualTo(MESSAGE_ID);
        assertThat(report.reason()).isEqualTo("complaint: abuse (SomeGenerator/1.0)");
        assertThat(report.at()).isEqualTo(Instant.parse("2024-01-07T22:40:36Z"));
    }

    @Test
    void aComplaintWithTheRecipientRedactedIsMatchedByTheMessageIdAlone() {
        Report report = single(read("arf-redacted.eml"));

        assertThat(report.kind()).isEqualTo(COMPLAINT);
        assertThat(report.email()).isNull();
        assertThat(report.verpId()).isNull();
        assertThat(report.messageId()).isEqualTo(MESSAGE_ID);
        assertThat(report.reason()).isEqualTo("complaint: abuse (Example-Feedback-Loop/2.1)");
        assertThat(report.eventKey()).isEqualTo("mailbox:<cfl.1704705164.33571@feedback.example.com>:-:COMPLAINT");
    }

    @Test
    void aNotSpamReportIsNoComplaint() {
        Reading reading = readRaw(resource("arf-abuse.eml").replace("Feedback-Type: abuse", "Feedback-Type: not-spam"));

        assertThat(reading.verdict()).isEqualTo(Verdict.UNRECOGNIZED);
        assertThat(reading.why()).contains("not-spam");
    }

    @Test
    void anOutOfOfficeReplyIsAnAutoReply() {
        Reading reading = read("auto-reply.eml");

        assertThat(reading.verdict()).isEqualTo(Verdict.AUTO_REPLY);
        assertThat(reading.reports()).isEmpty();
    }

    @Test
    void anOutlookVacationReplyIsAnAutoReplyByItsSubjectAndSuppressionHeader() {
        Reading reading = read("vacation.eml");

        assertThat(reading.verdict()).isEqualTo(Verdict.AUTO_REPLY);
        assertThat(reading.reports()).isEmpty();
    }

    @Test
    void anEximBounceInWordsIsAPermanentBounceThoughItIsMarkedAutoReplied() {
        Reading reading = read("exim-failure.eml");

        assertThat(reading.verdict()).isEqualTo(Verdict.REPORTS);
        Report report = single(reading);
        assertThat(report.kind()).isEqualTo(PERMANENT);
        assertThat(report.email()).isEqualTo("reader@example.net");
        assertThat(report.verpId()).isEqualTo(VERP_ID);
        assertThat(report.messageId()).isEqualTo(MESSAGE_ID);
        assertThat(report.reason()).isEqualTo("550 5.1.1 user unknown");
        assertThat(report.at()).isEqualTo(Instant.parse("2024-01-07T07:01:13Z"));
    }

    @Test
    void anEximWarningThatDeliveryGoesOnIsNoBounce() {
        Reading reading = read("exim-delayed.eml");

        assertThat(reading.verdict()).isEqualTo(Verdict.UNRECOGNIZED);
        assertThat(reading.reports()).isEmpty();
    }

    @Test
    void anOrdinaryEmailIsLeftForAPersonThoughItTalksOfVacationsAndPagesThatDoNotExist() {
        Reading reading = read("not-a-bounce.eml");

        assertThat(reading.verdict()).isEqualTo(Verdict.UNRECOGNIZED);
        assertThat(reading.reports()).isEmpty();
        assertThat(reading.why()).isEqualTo("not a bounce or complaint");
    }

    @Test
    void aDeliveryReportCutOffInTheReturnedHeadersIsReadAsFarAsItGoes() {
        String raw = resource("postfix-dsn.eml");
        String cut = raw.substring(0, raw.indexOf("Subject: The Sunday Digest") + 10);

        Report report = single(readRaw(cut));

        assertThat(report.kind()).isEqualTo(PERMANENT);
        assertThat(report.verpId()).isEqualTo(VERP_ID);
        assertThat(report.messageId()).isEqualTo(MESSAGE_ID);
    }

    @Test
    void aDeliveryReportCutOffBeforeItsActionIsLeftForAPersonWithoutAnError() {
        String raw = resource("postfix-dsn.eml");

        Reading reading = readRaw(raw.substring(0, raw.indexOf("Action: failed") + 3));

        assertThat(reading.verdict()).isEqualTo(Verdict.UNRECOGNIZED);
        assertThat(reading.reports()).isEmpty();
    }

    @Test
    void aReportWhoseBoundaryNeverComesIsLeftForAPersonWithoutAnError() {
        Reading reading = readRaw("""
                From: MAILER-DAEMON@mail.example.net (Mail Delivery System)
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="never"

                Final-Recipient: rfc822; reader@example.net
                Action: failed
                Status: 5.1.1
                """);

        assertThat(reading.verdict()).isEqualTo(Verdict.UNRECOGNIZED);
        assertThat(reading.reports()).isEmpty();
        assertThat(reading.why()).doesNotContain("\tat ");
    }

    @Test
    void anEmailFarLargerThanAnyReportIsNotParsed() {
        String bounce = "From: MAILER-DAEMON@mail.example.net\nSubject: Undelivered Mail Returned to Sender\n\n"
                + "550 5.1.1 <reader@example.net>: user unknown\n".repeat(5 * 1024 * 1024 / 45);

        Reading reading = readRaw(bounce);

        assertThat(reading.verdict()).isEqualTo(Verdict.UNRECOGNIZED);
        assertThat(reading.why()).startsWith("too large");
    }

    @Test
    void withoutABounceAddressNoVerpIdIsFoundButTheMessageIdStillMatches() {
        Reading reading = MailReports.read(parse(resource("postfix-dsn.eml")), null, MAX_BYTES);

        Report report = single(reading);
        assertThat(report.verpId()).isNull();
        assertThat(report.messageId()).isEqualTo(MESSAGE_ID);
    }

    @Test
    void theSameEmailReadTwiceHasTheSameEventKeyWithOrWithoutAMessageId() {
        assertThat(single(read("postfix-dsn.eml")).eventKey()).isEqualTo(single(read("postfix-dsn.eml")).eventKey());

        String withoutId = resource("postfix-dsn.eml")
                .replace("Message-Id: <20240107070112.4F2A81C0123@mail.example.net>\n", "");
        String first = single(readRaw(withoutId)).eventKey();
        String second = single(readRaw(withoutId)).eventKey();

        assertThat(first).isEqualTo(second).matches("mailbox:[0-9a-f]{64}:reader@example\\.net:PERMANENT");
    }

    private static Report single(Reading reading) {
        assertThat(reading.verdict()).as(reading.why()).isEqualTo(Verdict.REPORTS);
        assertThat(reading.reports()).hasSize(1);
        return reading.reports().get(0);
    }

    private static Reading read(String resource) {
        return readRaw(resource(resource));
    }

    private static Reading readRaw(String raw) {
        return MailReports.read(parse(raw), BOUNCE, MAX_BYTES);
    }

    private static MimeMessage parse(String raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = MailReportsTest.class.getResourceAsStream("/bounces/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
