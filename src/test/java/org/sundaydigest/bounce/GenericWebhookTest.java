package org.sundaydigest.bounce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.sundaydigest.testing.Api.asEditor;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.subscriber.Suppression;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * {@code POST /api/webhooks/bounces} over HTTP, against copies really sent over SMTP: the signature decides, each event
 * takes effect once, and the next send leaves out the readers it took off the list.
 */
@QuarkusTest
@TestProfile(WebhookProfile.class)
@WithTestResource(GreenMailResource.class)
class GenericWebhookTest {

    @InjectMailbox
    Mailbox mailbox;

    private final List<Reader> readers = new ArrayList<>();

    @AfterEach
    void retire() {
        Readers.retire(readers);
    }

    @Test
    void aCallWithoutTheRightSignatureIsRefusedAndChangesNothing() throws Exception {
        Reader reader = reader("unsigned");
        LocalDate date = Sent.issue();
        String body = event("bounce", reader.email(), true, Sent.messageId(mailbox, reader, date), null);

        given().contentType(ContentType.JSON).body(body).when().post("/api/webhooks/bounces").then().statusCode(401)
                .contentType("application/problem+json");
        post(body, "sha256=" + "0".repeat(64)).statusCode(401);
        post(body, "sha256=" + sign(body + " ")).statusCode(401);
        // The scheme is part of the header.
        post(body, sign(body)).statusCode(401);
        post(body, "sha256=" + sign(body).substring(0, 32)).statusCode(401);

        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(Sent.row(reader, date).get(1)).as("the copy's report").isNull();
    }

    @Test
    void aPermanentBounceMarksTheReaderBouncedOnceHoweverOftenItIsDelivered() throws Exception {
        Reader reader = reader("permanent");
        LocalDate date = Sent.issue();
        String body = event("bounce", reader.email(), true, Sent.messageId(mailbox, reader, date),
                "550 5.1.1 user unknown");

        double before = metric("digest_bounces_total{kind=\"permanent\"}");

        signed(body).statusCode(202).body("received", equalTo(1));
        signed(body).statusCode(202);

        assertThat(metric("digest_bounces_total{kind=\"permanent\"}")).as("counted once").isEqualTo(before + 1);
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(Sent.consent(reader)).containsExactly("BOUNCE/SYSTEM");
        assertThat(Sent.row(reader, date)).containsExactly("SENT", "bounced", "550 5.1.1 user unknown");
        assertThat(Sent.counters(date)).containsEntry("bounced", 1).containsEntry("complaints", 0);
        assertThat(asEditor().when().get("/api/digests/" + date + "/deliveries.csv").then().statusCode(200).extract()
                .asString()).contains(reader.email() + ",SENT,").contains(",bounced,550 5.1.1 user unknown");
    }

    @Test
    void aComplaintUnsubscribesTheReaderWithChannelComplaintAndSuppressesTheAddress() throws Exception {
        Reader reader = reader("complaint");
        LocalDate date = Sent.issue();
        String body = event("complaint", reader.email(), null, Sent.messageId(mailbox, reader, date), "abuse");

        double before = metric("digest_complaints_total");

        signed(body).statusCode(202);
        signed(body).statusCode(202);

        assertThat(metric("digest_complaints_total")).isEqualTo(before + 1);
        assertThat(metric("digest_unsubscribes_total{channel=\"complaint\"}")).isPositive();
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(Sent.consent(reader)).containsExactly("UNSUBSCRIBE/COMPLAINT");
        assertThat(QuarkusTransaction.requiringNew().call(() -> Suppression.isSuppressed(reader.email()))).isTrue();
        assertThat(Sent.row(reader, date)).containsExactly("SENT", "complained", "abuse");
        assertThat(Sent.counters(date)).containsEntry("complaints", 1);
    }

    @Test
    void threeTemporaryBouncesOnThreeIssuesInARowMakeTheReaderBounced() throws Exception {
        Reader reader = reader("temporary");
        List<LocalDate> dates = List.of(Sent.issue(), Sent.issue(), Sent.issue());

        for (int i = 0; i < 2; i++) {
            signed(event("bounce", reader.email(), false, Sent.messageId(mailbox, reader, dates.get(i)),
                    "452 4.2.2 mailbox full")).statusCode(202);
        }
        signed(event("bounce", reader.email(), false, Sent.messageId(mailbox, reader, dates.get(0)),
                "452 4.2.2 still full")).statusCode(202);
        assertThat(Readers.statusOf(reader.id())).as("two issues bounced, one of them twice")
                .isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(Sent.row(reader, dates.get(1)).get(1)).isEqualTo("bounced");

        signed(event("bounce", reader.email(), false, Sent.messageId(mailbox, reader, dates.get(2)),
                "452 4.2.2 mailbox full")).statusCode(202);
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(Sent.consent(reader)).containsExactly("BOUNCE/SYSTEM");
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndChangesNothing() {
        Reader bystander = reader("bystander");
        String body = event("bounce", "nobody-" + bystander.id() + "@example.net", true, null, null);

        signed(body).statusCode(202).body("received", equalTo(1));

        assertThat(Readers.statusOf(bystander.id())).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void theNextSendLeavesOutTheReadersWhoBouncedOrComplained() throws Exception {
        Reader bouncing = reader("next-bounced");
        Reader complaining = reader("next-complained");
        Reader staying = reader("next-staying");
        LocalDate first = Sent.issue();
        signed("{\"events\": [" + inner("bounce", bouncing.email(), true, null, null) + ", "
                + inner("complaint", complaining.email(), null, Sent.messageId(mailbox, complaining, first), null)
                + "]}").statusCode(202).body("received", equalTo(2));

        LocalDate second = Sent.issue();

        assertThat(mailbox.to(staying.email())).hasSize(2);
        assertThat(mailbox.to(bouncing.email())).as("only the first issue").hasSize(1);
        assertThat(mailbox.to(complaining.email())).as("only the first issue").hasSize(1);
        assertThat(Sent.row(bouncing, first)).as("matched by address: the latest copy").containsExactly("SENT",
                "bounced", null);
        assertThat(Sent.counters(second)).containsEntry("recipients", Sent.counters(second).get("sent"));
    }

    @Test
    void eachCopyIsSentFromItsOwnBounceAddress() throws Exception {
        Reader reader = reader("verp");
        LocalDate date = Sent.issue();

        String returnPath = Sent.copy(mailbox, reader, date).getHeader("Return-Path", null);
        String messageId = Sent.messageId(mailbox, reader, date);
        String id = messageId.substring("<digest.".length(), messageId.indexOf('@'));
        assertThat(returnPath).isEqualToIgnoringCase("<bounces+" + id + "@digest.example.test>");
    }

    private Reader reader(String name) {
        Reader reader = Readers.insert(1, SubscriberStatus.ACTIVE, name).get(0);
        readers.add(reader);
        return reader;
    }

    /** The value of one series in the Prometheus text. */
    static double metric(String series) {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no series " + series));
    }

    static String event(String type, String email, Boolean permanent, String messageId, String reason) {
        return "{\"events\": [" + inner(type, email, permanent, messageId, reason) + "]}";
    }

    static String inner(String type, String email, Boolean permanent, String messageId, String reason) {
        StringBuilder json = new StringBuilder("{\"type\": \"" + type + "\", \"email\": \"" + email + "\"");
        if (permanent != null) {
            json.append(", \"permanent\": ").append(permanent);
        }
        if (messageId != null) {
            json.append(", \"messageId\": \"").append(messageId).append('"');
        }
        if (reason != null) {
            json.append(", \"reason\": \"").append(reason).append('"');
        }
        return json.append('}').toString();
    }

    static String sign(String body) {
        return hmacHex(WebhookProfile.SECRET, body);
    }

    /** HMAC-SHA256 as any sender computes it, straight from the JDK rather than through the service's code. */
    static String hmacHex(String key, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static ValidatableResponse signed(String body) {
        return post(body, "sha256=" + sign(body));
    }

    static ValidatableResponse post(String body, String signature) {
        return given().contentType(ContentType.JSON).header("X-Digest-Signature", signature)
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post("/api/webhooks/bounces").then();
    }

    static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType(startsWith("application/problem+json"));
    }
}
