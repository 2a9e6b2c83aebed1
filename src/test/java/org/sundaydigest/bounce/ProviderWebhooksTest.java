package org.sundaydigest.bounce;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Each provider's webhook over HTTP, with payloads shaped as the providers document them (under
 * {@code src/test/resources/webhooks}) about copies really sent, signed by the test with its own keys: the SNS
 * certificate is served by the test from this machine, which the test configuration trusts instead of Amazon's hosts.
 */
@QuarkusTest
@TestProfile(WebhookProfile.class)
@WithTestResource(GreenMailResource.class)
class ProviderWebhooksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer sns;
    private static final AtomicInteger confirmations = new AtomicInteger();

    @InjectMailbox
    Mailbox mailbox;

    private final List<Reader> readers = new ArrayList<>();

    @BeforeAll
    static void serveTheSigningCertificate() throws IOException {
        sns = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] pem = WebhookProfile.resource("keys/sns-test-signing-cert.pem").getBytes(StandardCharsets.US_ASCII);
        sns.createContext("/sns/cert.pem", exchange -> {
            exchange.sendResponseHeaders(200, pem.length);
            exchange.getResponseBody().write(pem);
            exchange.close();
        });
        sns.createContext("/sns/confirm", exchange -> {
            confirmations.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sns.start();
    }

    @AfterAll
    static void stop() {
        sns.stop(0);
    }

    @AfterEach
    void retire() {
        Readers.retire(readers);
    }

    @Test
    void anSesBounceArrivingThroughSnsBouncesTheReaderOnlyWhenSnsSignedIt() throws Exception {
        Reader reader = reader("ses");
        LocalDate date = Sent.issue();
        ObjectNode ses = (ObjectNode) fixture("ses-bounce-notification.json");
        ArrayNode recipients = (ArrayNode) ses.at("/bounce/bouncedRecipients");
        recipients.remove(1);
        ((ObjectNode) recipients.get(0)).put("emailAddress", reader.email());
        ((ObjectNode) ses.get("bounce")).put("feedbackId", UUID.randomUUID().toString());
        for (JsonNode header : ses.at("/mail/headers")) {
            if (header.get("name").asText().equalsIgnoreCase("Message-ID")) {
                ((ObjectNode) header).put("value", Sent.messageId(mailbox, reader, date));
            }
        }

        ObjectNode foreign = sns("Notification", ses.toString(), Instant.now(), certUrl());
        foreign.put("TopicArn", "arn:aws:sns:eu-west-1:999999999999:someone-else");
        postSes(signSns(foreign)).statusCode(403);
        ObjectNode tampered = signSns(sns("Notification", ses.toString(), Instant.now(), certUrl()));
        tampered.put("Message", ses.toString().replace("Permanent", "Transient"));
        postSes(tampered).statusCode(401);
        postSes(signSns(sns("Notification", ses.toString(), Instant.now().minusSeconds(7200), certUrl())))
                .statusCode(401);
        postSes(signSns(sns("Notification", ses.toString(), Instant.now(),
                "https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem"))).statusCode(401);
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.ACTIVE);

        postSes(signSns(sns("Notification", ses.toString(), Instant.now(), certUrl()))).statusCode(200).body("received",
                equalTo(1));
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(Sent.row(reader, date).get(1)).isEqualTo("bounced");
    }

    @Test
    void anSesComplaintUnsubscribesTheReader() throws Exception {
        Reader reader = reader("ses-complaint");
        LocalDate date = Sent.issue();
        ObjectNode ses = (ObjectNode) fixture("ses-complaint-notification.json");
        ArrayNode complained = (ArrayNode) ses.at("/complaint/complainedRecipients");
        while (complained.size() > 1) {
            complained.remove(1);
        }
        ((ObjectNode) complained.get(0)).put("emailAddress", reader.email());
        ((ObjectNode) ses.get("complaint")).put("feedbackId", UUID.randomUUID().toString());

        postSes(signSns(sns("Notification", ses.toString(), Instant.now(), certUrl()))).statusCode(200);

        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(Sent.consent(reader)).containsExactly("UNSUBSCRIBE/COMPLAINT");
        assertThat(Sent.row(reader, date).get(1)).isEqualTo("complained");
    }

    @Test
    void theSnsSubscriptionIsConfirmedOnlyAtAnSnsUrl() throws Exception {
        int before = confirmations.get();
        ObjectNode untrusted = sns("SubscriptionConfirmation", "You have chosen to subscribe.", Instant.now(),
                certUrl());
        untrusted.put("SubscribeURL", "http://127.0.0.2:" + sns.getAddress().getPort() + "/sns/confirm?Token=x");
        untrusted.put("Token", "x");
        postSes(signSns(untrusted)).statusCode(401);
        assertThat(confirmations.get()).isEqualTo(before);

        ObjectNode confirmation = sns("SubscriptionConfirmation", "You have chosen to subscribe.", Instant.now(),
                certUrl());
        confirmation.put("SubscribeURL", "http://127.0.0.1:" + sns.getAddress().getPort() + "/sns/confirm?Token=t");
        confirmation.put("Token", "t");
        postSes(signSns(confirmation)).statusCode(200);
        assertThat(confirmations.get()).isEqualTo(before + 1);
    }

    @Test
    void postmarkIsBelievedOnlyWithItsBasicCredentials() throws Exception {
        Reader bouncing = reader("postmark");
        Reader complaining = reader("postmark-complaint");
        Sent.issue();
        ObjectNode bounce = (ObjectNode) fixture("postmark-hard-bounce.json");
        bounce.put("Email", bouncing.email()).put("ID", System.nanoTime());
        ObjectNode complaint = (ObjectNode) fixture("postmark-spam-complaint.json");
        complaint.put("Email", complaining.email()).put("ID", System.nanoTime() + 1);

        given().contentType(ContentType.JSON).body(bounce.toString()).when().post("/api/webhooks/postmark").then()
                .statusCode(401);
        given().auth().preemptive().basic(WebhookProfile.POSTMARK_USER, "wrong").contentType(ContentType.JSON)
                .body(bounce.toString()).when().post("/api/webhooks/postmark").then().statusCode(401);
        assertThat(Readers.statusOf(bouncing.id())).isEqualTo(SubscriberStatus.ACTIVE);

        for (ObjectNode body : List.of(bounce, complaint)) {
            given().auth().preemptive().basic(WebhookProfile.POSTMARK_USER, WebhookProfile.POSTMARK_PASSWORD)
                    .contentType(ContentType.JSON).body(body.toString()).when().post("/api/webhooks/postmark").then()
                    .statusCode(200);
        }
        assertThat(Readers.statusOf(bouncing.id())).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(Readers.statusOf(complaining.id())).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void mailgunIsBelievedOnlyWithAFreshSignatureUnderItsKey() throws Exception {
        Reader bouncing = reader("mailgun");
        Reader complaining = reader("mailgun-complaint");
        LocalDate date = Sent.issue();
        ObjectNode failed = mailgunEvent("mailgun-permanent-failure.json", bouncing, date);
        ObjectNode complained = mailgunEvent("mailgun-complained.json", complaining, date);

        postMailgun(signMailgun(failed, Instant.now(), "wrong-key")).statusCode(401);
        postMailgun(signMailgun(failed, Instant.now().minusSeconds(3600), WebhookProfile.MAILGUN_KEY)).statusCode(401);
        assertThat(Readers.statusOf(bouncing.id())).isEqualTo(SubscriberStatus.ACTIVE);

        ObjectNode signed = signMailgun(failed, Instant.now(), WebhookProfile.MAILGUN_KEY);
        postMailgun(signed).statusCode(200);
        // Mailgun signs its token, not its events: a captured signature carrying other events is refused.
        ObjectNode forged = complained.deepCopy();
        forged.set("signature", signed.get("signature").deepCopy());
        postMailgun(forged).statusCode(401);
        postMailgun(signed).statusCode(401);
        assertThat(Readers.statusOf(complaining.id())).isEqualTo(SubscriberStatus.ACTIVE);
        postMailgun(signMailgun(complained, Instant.now(), WebhookProfile.MAILGUN_KEY)).statusCode(200);

        assertThat(Readers.statusOf(bouncing.id())).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(Sent.consent(bouncing)).containsExactly("BOUNCE/SYSTEM");
        assertThat(Readers.statusOf(complaining.id())).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(Sent.row(complaining, date).get(1)).isEqualTo("complained");
    }

    @Test
    void sendGridIsBelievedOnlyWithItsEcdsaSignature() throws Exception {
        Reader bouncing = reader("sendgrid");
        Reader complaining = reader("sendgrid-complaint");
        LocalDate date = Sent.issue();
        ArrayNode events = (ArrayNode) fixture("sendgrid-events.json");
        ArrayNode batch = JSON.createArrayNode();
        for (JsonNode event : events) {
            ObjectNode copy = ((ObjectNode) event).deepCopy();
            copy.put("sg_event_id", UUID.randomUUID().toString());
            if ("bounce".equals(copy.path("type").asText())) {
                batch.add(copy.put("email", bouncing.email()).put("smtp-id", Sent.messageId(mailbox, bouncing, date)));
            } else if ("spamreport".equals(copy.path("event").asText())) {
                batch.add(copy.put("email", complaining.email()));
            } else if ("delivered".equals(copy.path("event").asText())) {
                batch.add(copy.put("email", bouncing.email()));
            }
        }
        String body = batch.toString();
        String now = String.valueOf(Instant.now().getEpochSecond());

        postSendGrid(body, sign(now + body.replace("bounce", "bounced")), now).statusCode(401);
        String old = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());
        postSendGrid(body, sign(old + body), old).statusCode(401);
        postSendGrid(body, null, null).statusCode(401);
        assertThat(Readers.statusOf(bouncing.id())).isEqualTo(SubscriberStatus.ACTIVE);

        postSendGrid(body, sign(now + body), now).statusCode(200);
        assertThat(Readers.statusOf(bouncing.id())).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(Sent.row(bouncing, date).get(1)).isEqualTo("bounced");
        assertThat(Readers.statusOf(complaining.id())).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    private ObjectNode mailgunEvent(String fixture, Reader reader, LocalDate date) throws Exception {
        ObjectNode root = (ObjectNode) fixture(fixture);
        ObjectNode data = (ObjectNode) root.get("event-data");
        data.put("id", UUID.randomUUID().toString()).put("recipient", reader.email());
        String messageId = Sent.messageId(mailbox, reader, date);
        ((ObjectNode) data.at("/message/headers")).put("message-id", messageId.substring(1, messageId.length() - 1));
        return root;
    }

    private static ObjectNode signMailgun(ObjectNode event, Instant at, String key) {
        ObjectNode signed = event.deepCopy();
        String timestamp = String.valueOf(at.getEpochSecond());
        String token = UUID.randomUUID().toString().replace("-", "");
        ((ObjectNode) signed.get("signature")).put("timestamp", timestamp).put("token", token).put("signature",
                GenericWebhookTest.hmacHex(key, timestamp + token));
        return signed;
    }

    private static ValidatableResponse postMailgun(ObjectNode body) {
        return given().contentType(ContentType.JSON).body(body.toString()).when().post("/api/webhooks/mailgun").then();
    }

    private static String sign(String payload) throws Exception {
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(WebhookProfile.resource("keys/sendgrid-test-private.pkcs8.b64"))));
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(key);
        ecdsa.update(payload.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ecdsa.sign());
    }

    private static ValidatableResponse postSendGrid(String body, String signature, String timestamp) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (signature != null) {
            request.header("X-Twilio-Email-Event-Webhook-Signature", signature)
                    .header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        }
        return request.when().post("/api/webhooks/sendgrid").then();
    }

    private static String certUrl() {
        return "http://127.0.0.1:" + sns.getAddress().getPort() + "/sns/cert.pem";
    }

    private static ObjectNode sns(String type, String message, Instant at, String certUrl) {
        return JSON.createObjectNode().put("Type", type).put("MessageId", UUID.randomUUID().toString())
                .put("TopicArn", WebhookProfile.TOPIC).put("Message", message).put("Timestamp", at.toString())
                .put("SignatureVersion", "2").put("SigningCertURL", certUrl);
    }

    /** Signs an SNS message the way SNS does, with the key of the certificate the test serves. */
    private static ObjectNode signSns(ObjectNode message) throws Exception {
        SnsMessages.SnsMessage parsed = SnsMessages.parse(message.put("Signature", "x").toString().getBytes());
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(WebhookProfile.resource("keys/sns-test-private.pkcs8.b64"))));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(SnsMessages.stringToSign(parsed).getBytes(StandardCharsets.UTF_8));
        return message.put("Signature", Base64.getEncoder().encodeToString(rsa.sign()));
    }

    private static ValidatableResponse postSes(ObjectNode body) {
        // SNS posts JSON as text/plain.
        return given().contentType(ContentType.TEXT).header("x-amz-sns-message-type", body.get("Type").asText())
                .body(body.toString()).when().post("/api/webhooks/ses").then();
    }

    private static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(WebhookProfile.resource(name));
    }

    private Reader reader(String name) {
        Reader reader = Readers.insert(1, SubscriberStatus.ACTIVE, name).get(0);
        readers.add(reader);
        return reader;
    }
}
