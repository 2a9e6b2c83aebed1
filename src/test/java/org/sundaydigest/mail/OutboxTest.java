package org.sundaydigest.mail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The outbox against a relay that is not there at first: the readers' pages stay ready, the relay's wellness says it is
 * down, and a confirmation email written while it was down arrives once a real SMTP server (GreenMail) listens on the
 * relay's port. An email left claimed by an instance that died is sent once that instance's lease has run out.
 */
@QuarkusTest
@TestProfile(OutboxTest.RelayDown.class)
class OutboxTest {

    /** The mailer points at a port where nothing listens until a test starts GreenMail on it. */
    public static class RelayDown implements QuarkusTestProfile {
        static final int PORT = freePort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port",
                    String.valueOf(PORT), "quarkus.mailer.start-tls", "DISABLED", "digest.delivery.send-timeout",
                    "PT2S");
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    private GreenMail relay;

    @AfterEach
    void stopRelay() {
        if (relay != null) {
            relay.stop();
        }
    }

    @Test
    void aConfirmationWrittenWhileTheRelayIsDownArrivesWhenItIsBackAndReadinessNeverDrops() {
        given().contentType(ContentType.JSON).body(Map.of("email", "outage@example.org")).when()
                .post("/api/subscriptions").then().statusCode(202).body("status", equalTo("pending"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> attemptsFor("outage@example.org")) >= 2);

        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"), "checks.name",
                not(hasItem("mailer")));
        given().when().get("/q/health/well").then().statusCode(503).body("checks.find { it.name == 'mailer' }.status",
                equalTo("DOWN"));
        given().when().get("/q/health").then().statusCode(503).body("checks.name", hasItem("mailer"));
        given().when().get("/subscribe").then().statusCode(200);

        relay = startRelay();
        List<MimeMessage> received = awaitMailTo("outage@example.org");
        assertThat(received).hasSize(1);
        assertThat(GreenMailUtil.getBody(received.get(0))).contains("/subscribe/confirm?token=");
        assertThat(QuarkusTransaction.requiringNew()
                .call(() -> OutboxMail.<OutboxMail> find("recipient", "outage@example.org").firstResult().htmlBody))
                        .as("the link is not kept once sent").isNull();
    }

    @Test
    void anEmailLeftClaimedByAnInstanceThatDiedIsSentOnceItsLeaseRunsOut() {
        relay = startRelay();
        Instant leaseEnds = clock.instant().plusSeconds(3);
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(new Outbox.Message("confirmation", "orphan@example.org", "Please confirm", "<p>Confirm</p>",
                    "Confirm"));
            OutboxMail.update("leaseOwner = 'a-killed-instance', leaseUntil = ?1, attempts = 1 where recipient = ?2",
                    leaseEnds, "orphan@example.org");
        });

        List<MimeMessage> received = awaitMailTo("orphan@example.org");
        assertThat(received).hasSize(1);
        // The relay has it; the record follows the relay's answer.
        Instant sentAt = await().atMost(Duration.ofSeconds(10))
                .until(() -> QuarkusTransaction.requiringNew().call(
                        () -> OutboxMail.<OutboxMail> find("recipient", "orphan@example.org").firstResult().sentAt),
                        at -> at != null);
        assertThat(sentAt).as("sent only after the dead instance's lease ran out").isAfterOrEqualTo(leaseEnds);
    }

    @Test
    void anEmailWrittenInATransactionThatRollsBackIsNeverSent() {
        relay = startRelay();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(new Outbox.Message("confirmation", "rolled-back@example.org", "Please confirm",
                    "<p>Confirm</p>", "Confirm"));
            throw new IllegalStateException("the sign-up failed after writing its email");
        })).hasMessageContaining("the sign-up failed");

        assertThat(
                QuarkusTransaction.requiringNew().call(() -> OutboxMail.count("recipient", "rolled-back@example.org")))
                        .as("rows that could be sent").isZero();
    }

    @Test
    void aNewerEmailOfTheSameKindReplacesTheOneStillWaitingAndErasureForgetsBoth() {
        Instant later = clock.instant().plusSeconds(3600);
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(new Outbox.Message("confirmation", "twice@example.org", "First", "<p>1</p>", "1"));
            OutboxMail.update("nextAttemptAt = ?1 where recipient = ?2", later, "twice@example.org");
            outbox.enqueue(new Outbox.Message("confirmation", "Twice@Example.org", "Second", "<p>2</p>", "2"));
            OutboxMail.update("nextAttemptAt = ?1 where recipient = ?2", later, "Twice@Example.org");
        });
        assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxMail
                .<OutboxMail> list("lower(recipient)", "twice@example.org").stream().map(m -> m.subject).toList()))
                        .containsExactly("Second");

        QuarkusTransaction.requiringNew().run(() -> outbox.forget("twice@example.org"));
        assertThat(
                QuarkusTransaction.requiringNew().call(() -> OutboxMail.count("lower(recipient)", "twice@example.org")))
                        .isZero();
    }

    private static long attemptsFor(String recipient) {
        OutboxMail mail = OutboxMail.find("recipient", recipient).firstResult();
        return mail == null ? 0 : mail.attempts;
    }

    private List<MimeMessage> awaitMailTo(String address) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !to(address).isEmpty());
        return to(address);
    }

    private List<MimeMessage> to(String address) {
        return Arrays.stream(relay.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(address);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static GreenMail startRelay() {
        GreenMail greenMail = new GreenMail(new ServerSetup(RelayDown.PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }
}
