package org.sundaydigest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.SilentServer;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.restassured.http.ContentType;

/**
 * A confirmation email is written with the sign-up, not held in memory: the packaged jar is killed with SIGKILL while
 * its relay keeps it waiting in the middle of sending that email, and the instance started after it on the same
 * database sends the email once the first one's lease has run out.
 */
class OutboxKillIT extends PackagedJarTest {

    @Test
    void aConfirmationWhoseInstanceIsKilledWhileSendingIsSentByTheNextInstance() throws Exception {
        try (SilentServer silentRelay = new SilentServer()) {
            int port = PackagedApp.freePort();
            String base = "http://localhost:" + port;
            Map<String, String> first = PackagedApp.environment(port, silentRelay.port());
            first.put("DIGEST_OUTBOX_LEASE", "PT10S");
            process = app.start(first);
            app.awaitReady(process, base);
            given().baseUri(base).contentType(ContentType.JSON).body(Map.of("email", "killed-mid-send@example.org"))
                    .when().post("/api/subscriptions").then().statusCode(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> silentRelay.connections() > 0);
            process.destroyForcibly();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

            Map<String, String> second = PackagedApp.environment(port, smtp.getSmtp().getPort());
            second.put("DIGEST_OUTBOX_LEASE", "PT10S");
            process = app.start(second);
            app.awaitReady(process, base);
            assertThat(smtp.waitForIncomingEmail(60_000, 1)).as("the confirmation, sent by the next instance").isTrue();
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString())
                    .isEqualTo("killed-mid-send@example.org");
            assertThat(GreenMailUtil.getBody(smtp.getReceivedMessages()[0])).contains("/subscribe/confirm?token=");
        }
    }
}
