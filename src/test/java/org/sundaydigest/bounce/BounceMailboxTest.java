package org.sundaydigest.bounce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;

import com.icegreen.greenmail.store.StoredMessage;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The bounce mailbox over GreenMail's IMAP, fed with reports about digests the service really sent: what names a copy
 * of ours takes effect and is deleted, anything else is left, flagged, for a person, and nothing breaks the service.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class BounceMailboxTest {

    private static final String BOUNDARY = "B7A1C2D3E4.1733472000/mail.example.net";

    @InjectMailbox
    Mailbox mailbox;

    @Inject
    BounceMailbox bounceMailbox;

    private final List<Reader> readers = new ArrayList<>();

    @BeforeEach
    void emptyTheMailbox() {
        mailbox.clearBounceMailbox();
    }

    @AfterEach
    void retire() {
        Readers.retire(readers);
    }

    @Test
    void aPostfixDeliveryReportAboutOneOfOurDigestsBouncesTheReaderAndIsDeleted() throws Exception {
        Reader reader = reader("postfix");
        LocalDate date = Sent.issue();
        MimeMessage copy = Sent.copy(mailbox, reader, date);
        String verp = unbracketed(copy.getHeader("Return-Path", null));

        deliver(postfixDsn(verp, reader.email(), "5.1.1",
                "smtp; 550 5.1.1 <" + reader.email() + ">: Recipient address rejected: User unknown",
                "Content-Type: text/rfc822-headers\r\n\r\n" + headersOf(copy)));

        assertThat(bounceMailbox.read()).isEqualTo(new BounceMailbox.Read(1, 0));
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(Sent.row(reader, date).subList(0, 2)).containsExactly("SENT", "bounced");
        assertThat(Sent.row(reader, date).get(2)).contains("5.1.1").contains("User unknown");
        assertThat(mailbox.bounceMailbox()).as("handled reports are deleted").isEmpty();
    }

    @Test
    void aReportMatchedOnlyByItsVerpAddressCountsEvenForAForwardedAddress() throws Exception {
        Reader reader = reader("verp-only");
        LocalDate date = Sent.issue();
        String verp = unbracketed(Sent.copy(mailbox, reader, date).getHeader("Return-Path", null));

        deliver(postfixDsn(verp, "forwarded-somewhere@example.net", "5.2.1", "smtp; 550 5.2.1 mailbox disabled", null));

        assertThat(bounceMailbox.read().handled()).isEqualTo(1);
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.BOUNCED);
    }

    @Test
    void aReportMatchedOnlyByTheQuotedMessageIdCounts() throws Exception {
        Reader reader = reader("message-id-only");
        LocalDate date = Sent.issue();
        MimeMessage copy = Sent.copy(mailbox, reader, date);
        String original = "Message-ID: " + copy.getHeader("Message-ID", null) + "\r\nTo: " + reader.email()
                + "\r\nSubject: " + copy.getSubject() + "\r\n\r\nThe digest.\r\n";

        deliver(postfixDsn(GreenMailResource.BOUNCE_ADDRESS, reader.email(), "5.1.1", "smtp; 550 5.1.1 no such user",
                "Content-Type: message/rfc822\r\n\r\n" + original));

        assertThat(bounceMailbox.read().handled()).isEqualTo(1);
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.BOUNCED);
    }

    @Test
    void anArfComplaintUnsubscribesTheReaderWithChannelComplaint() throws Exception {
        Reader reader = reader("arf");
        LocalDate date = Sent.issue();
        MimeMessage copy = Sent.copy(mailbox, reader, date);
        String arf = "From: feedback@fbl.example.net\r\nTo: " + GreenMailResource.BOUNCE_ADDRESS + "\r\n"
                + "Subject: FW: complaint\r\nDate: Sun, 06 Dec 2026 10:00:00 +0000\r\n" + "Message-ID: <arf-"
                + reader.id() + "@fbl.example.net>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"" + BOUNDARY + "\"\r\n\r\n"
                + "--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n\r\n" + "--"
                + BOUNDARY + "\r\nContent-Type: message/feedback-report\r\n\r\n"
                + "Feedback-Type: abuse\r\nUser-Agent: ExampleFBL/1.0\r\nVersion: 1\r\nOriginal-Rcpt-To: "
                + reader.email() + "\r\n\r\n" + "--" + BOUNDARY + "\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + headersOf(copy) + "\r\n--" + BOUNDARY + "--\r\n";

        deliver(arf);

        assertThat(bounceMailbox.read().handled()).isEqualTo(1);
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(Sent.consent(reader)).containsExactly("UNSUBSCRIBE/COMPLAINT");
        assertThat(Sent.row(reader, date).get(1)).isEqualTo("complained");
    }

    @Test
    void anAutoReplyIsDeletedAndChangesNothing() throws Exception {
        Reader reader = reader("vacation");
        deliver("From: " + reader.email() + "\r\nTo: " + GreenMailResource.BOUNCE_ADDRESS + "\r\n"
                + "Subject: Out of office: back on Monday\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain\r\n\r\nI am away until Monday.\r\n");

        assertThat(bounceMailbox.read().handled()).isEqualTo(1);
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(mailbox.bounceMailbox()).isEmpty();
    }

    @Test
    void aReportNamingOnlyAnAddressIsLeftForAPersonSinceAnyoneCanSendIt() throws Exception {
        Reader reader = reader("address-only");
        deliver(postfixDsn(GreenMailResource.BOUNCE_ADDRESS, reader.email(), "5.1.1", "smtp; 550 5.1.1 unknown", null));

        assertThat(bounceMailbox.read()).isEqualTo(new BounceMailbox.Read(0, 1));
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(mailbox.bounceMailbox()).singleElement().satisfies(this::leftForAPerson);
        assertThat(bounceMailbox.read()).as("not read twice").isEqualTo(new BounceMailbox.Read(0, 0));
    }

    @Test
    void malformedReportsAreLeftForAPersonAndTheServiceStaysHealthy() throws Exception {
        Reader reader = reader("malformed");
        LocalDate date = Sent.issue();
        String verp = unbracketed(Sent.copy(mailbox, reader, date).getHeader("Return-Path", null));
        String whole = postfixDsn(verp, reader.email(), "5.1.1", "smtp; 550 5.1.1 unknown", null);
        deliver(whole.substring(0, whole.indexOf("Content-Type: message/delivery-status") + 20));
        deliver(postfixDsn(verp, reader.email(), "5.1.1", "smtp; 550", null)
                .replaceAll("(?m)^(Final|Original)-Recipient:.*\r\n", ""));
        deliver("From: MAILER-DAEMON@mail.example.net\r\nTo: " + verp + "\r\nSubject: Undelivered Mail Returned"
                + " to Sender\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n" + "x".repeat(5 * 1024 * 1024)
                + "\r\n");

        assertThat(bounceMailbox.read()).isEqualTo(new BounceMailbox.Read(0, 3));
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(mailbox.bounceMailbox()).hasSize(3).allSatisfy(this::leftForAPerson);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    private void leftForAPerson(StoredMessage message) {
        assertThat(message.getFlags().contains(Flags.Flag.FLAGGED)).as("flagged").isTrue();
        assertThat(message.getFlags().contains(Flags.Flag.SEEN)).as("read").isTrue();
        assertThat(message.getFlags().contains(Flags.Flag.DELETED)).as("deleted").isFalse();
    }

    private Reader reader(String name) {
        Reader reader = Readers.insert(1, SubscriberStatus.ACTIVE, name).get(0);
        readers.add(reader);
        return reader;
    }

    private void deliver(String raw) throws Exception {
        mailbox.deliverToBounceMailbox(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    /** A delivery status notification as Postfix writes one, sent to {@code to}. */
    static String postfixDsn(String to, String recipient, String status, String diagnostic, String original) {
        return "Return-Path: <>\r\nFrom: MAILER-DAEMON@mail.example.net (Mail Delivery System)\r\n" + "To: " + to
                + "\r\nSubject: Undelivered Mail Returned to Sender\r\nDate: Sun, 06 Dec 2026 08:01:02 +0000 (UTC)\r\n"
                + "Message-Id: <20261206080102.3F1A2@mail.example.net." + recipient.hashCode() + status + ">\r\n"
                + "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"" + BOUNDARY
                + "\"\r\n\r\nThis is a MIME-encapsulated message.\r\n\r\n--" + BOUNDARY + "\r\n"
                + "Content-Description: Notification\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "This is the mail system at host mail.example.net.\r\n\r\nI'm sorry to have to inform you that your"
                + " message could not\r\nbe delivered to one or more recipients.\r\n\r\n<" + recipient + ">: host"
                + " mx.example.net said: " + diagnostic + "\r\n\r\n--" + BOUNDARY + "\r\n"
                + "Content-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mail.example.net\r\nX-Postfix-Queue-ID: 3F1A2\r\nX-Postfix-Sender: rfc822; " + to
                + "\r\nArrival-Date: Sun, 06 Dec 2026 08:00:59 +0000 (UTC)\r\n\r\n" + "Final-Recipient: rfc822; "
                + recipient + "\r\nOriginal-Recipient: rfc822;" + recipient + "\r\n" + "Action: failed\r\nStatus: "
                + status + "\r\nRemote-MTA: dns; mx.example.net\r\n" + "Diagnostic-Code: " + diagnostic + "\r\n\r\n"
                + (original == null ? ""
                        : "--" + BOUNDARY + "\r\nContent-Description: Undelivered Message\r\n" + original + "\r\n")
                + "--" + BOUNDARY + "--\r\n";
    }

    private static String headersOf(MimeMessage message) throws Exception {
        return String.join("\r\n", Collections.list(message.getAllHeaderLines())) + "\r\n";
    }

    private static String unbracketed(String address) {
        return address.replace("<", "").replace(">", "").trim();
    }
}
