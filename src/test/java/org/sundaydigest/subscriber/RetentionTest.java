package org.sundaydigest.subscriber;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.common.JobRuns;
import org.sundaydigest.testing.AdjustableClock;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Readers' data is kept no longer than needed: network details of old consent, sign-ups never confirmed. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class RetentionTest {

    @InjectMailbox
    Mailbox mailbox;

    @Inject
    Retention retention;

    @Inject
    JobRuns jobs;

    @Inject
    AdjustableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSignUpNeverConfirmedIsDeletedAfterThirtyDaysAndAConfirmedReaderStays() {
        String pending = signUp("never");
        String confirmed = signUp("kept");
        Api.confirm(Mailbox.links(Mailbox.part(mailbox.awaitTo(confirmed, 1).get(0), "text/plain"),
                Api.PUBLIC_URL + "/subscribe/confirm?token=").get(0)).then().statusCode(200);

        retention.apply(clock.instant().plus(Duration.ofDays(29)));
        assertThat(exists(pending)).as("within thirty days").isTrue();

        Retention.Run run = retention.apply(clock.instant().plus(Duration.ofDays(31)));
        assertThat(run.deleted()).isPositive();
        assertThat(exists(pending)).isFalse();
        assertThat(exists(confirmed)).isTrue();
    }

    @Test
    void theNetworkAddressAndBrowserOfConsentOlderThanTwoYearsAreBlankedAndTheEventStays() {
        String email = signUp("old");
        Api.confirm(Mailbox.links(Mailbox.part(mailbox.awaitTo(email, 1).get(0), "text/plain"),
                Api.PUBLIC_URL + "/subscribe/confirm?token=").get(0)).then().statusCode(200);
        assertThat(network(email)).containsOnly("127.0.0.1 / a browser");

        retention.apply(clock.instant().plus(Duration.ofDays(365)));
        assertThat(network(email)).as("sign-up and confirmation, a year on").hasSize(2)
                .containsOnly("127.0.0.1 / a browser");

        retention.apply(clock.instant().plus(Duration.ofDays(2 * 365 + 1)));
        assertThat(network(email)).hasSize(2).containsOnly("null / no browser");
    }

    @Test
    void theDailyRunIsClaimedByOneInstanceOnly() {
        Instant now = clock.instant().plus(Duration.ofDays(3650));
        assertThat(jobs.claim(Retention.JOB, now, Retention.EVERY)).isTrue();
        assertThat(jobs.claim(Retention.JOB, now, Retention.EVERY)).as("another instance at the same time").isFalse();
        assertThat(jobs.claim(Retention.JOB, now.plus(Duration.ofHours(23)), Retention.EVERY)).isFalse();
        assertThat(jobs.claim(Retention.JOB, now.plus(Duration.ofHours(24)), Retention.EVERY)).isTrue();
    }

    private static String signUp(String name) {
        String email = Api.uniqueEmail(name);
        given().header("User-Agent", "RetentionTest").contentType(ContentType.JSON).body(Map.of("email", email)).when()
                .post("/api/subscriptions").then().statusCode(202);
        return email;
    }

    private static boolean exists(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).isPresent());
    }

    private static List<String> network(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().consentEvents
                .stream().map(e -> e.ip + " / " + (e.userAgent == null ? "no browser" : "a browser")).toList());
    }
}
