package org.sundaydigest.subscriber;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.AdjustableClock;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.ClientAddressProfile;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The sign-up cannot be used to flood inboxes: a client address may sign up a few readers per ten minutes, an address
 * gets at most three confirmation emails a day whoever signs it up, and a form filled in by a robot does nothing.
 * GreenMail counts what was really sent.
 */
@QuarkusTest
@TestProfile(ClientAddressProfile.class)
@WithTestResource(GreenMailResource.class)
class SignUpLimitsTest {

    @InjectMailbox
    Mailbox mailbox;

    @Inject
    AdjustableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void oneClientAddressMaySignUpOnlySoManyReadersInTenMinutesFormAndApiTogether() {
        String client = "198.51.100.1";
        for (int i = 0; i < ClientAddressProfile.SIGN_UPS_PER_ADDRESS - 1; i++) {
            api(Api.uniqueEmail("many" + i), client).then().statusCode(202);
        }
        form(Api.uniqueEmail("form"), client).then().statusCode(200);

        String refused = Api.uniqueEmail("refused");
        api(refused, client).then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", not(equalTo(null))).body("status", equalTo(429));
        String typed = Api.uniqueEmail("typed");
        form(typed, client).then().statusCode(429).header("Retry-After", not(equalTo(null)))
                .body(containsString("try again in a few minutes"), containsString("value=\"" + typed + "\""));
        api(Api.uniqueEmail("elsewhere"), "198.51.100.2").then().statusCode(202);

        Api.flushMail(mailbox);
        assertThat(mailbox.to(refused)).isEmpty();
        assertThat(mailbox.to(typed)).isEmpty();
        assertThat(storedReader(refused)).isFalse();

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        api(Api.uniqueEmail("later"), client).then().statusCode(202);
    }

    @Test
    void anAddressGetsAtMostThreeConfirmationEmailsADayWhoeverSignsItUp() {
        String victim = Api.uniqueEmail("victim");
        for (int i = 0; i < 6; i++) {
            api(victim, "198.51.100." + (10 + i)).then().statusCode(202).body("status", equalTo("pending"));
            clock.advance(Duration.ofMinutes(3));
        }
        Api.flushMail(mailbox);
        assertThat(mailbox.to(victim)).hasSize(3);

        clock.advance(Duration.ofHours(24));
        api(victim, "198.51.100.30").then().statusCode(202);
        assertThat(mailbox.awaitTo(victim, 4)).hasSize(4);
    }

    @Test
    void anErasedOrUnsubscribedAddressIsCappedTheSame() {
        String erased = Api.uniqueEmail("erased");
        api(erased, "198.51.100.40").then().statusCode(202);
        mailbox.awaitTo(erased, 1);
        long id = QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(erased).orElseThrow().id);
        Api.asEditor().when().delete("/api/subscribers/" + id).then().statusCode(204);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Suppression.isSuppressed(erased))).isTrue();

        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(3));
            api(erased, "198.51.100." + (41 + i)).then().statusCode(202);
        }
        Api.flushMail(mailbox);
        assertThat(mailbox.to(erased)).as("one before the erasure, two after it").hasSize(3);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Suppression.isSuppressed(erased)))
                .as("lifted only by a confirmation").isTrue();
    }

    @Test
    void aFilledInHoneypotGetsTheUsualPageAndNothingIsStoredOrMailed() {
        String robot = Api.uniqueEmail("robot");
        given().header("X-Forwarded-For", "198.51.100.50").contentType(ContentType.URLENC).formParam("email", robot)
                .formParam("website", "https://spam.example").when().post("/subscribe").then().statusCode(200)
                .body(containsString("Check your inbox"));

        Api.flushMail(mailbox);
        assertThat(mailbox.to(robot)).isEmpty();
        assertThat(storedReader(robot)).isFalse();
    }

    @Test
    void theFormSaysTruthfullyWhatIsKeptAndHidesTheHoneypotFromPeople() {
        given().when().get("/subscribe").then().statusCode(200).body(
                containsString("network address and browser you used"), containsString("2 years"),
                containsString("30 days"), containsString("name=\"website\""), containsString("aria-hidden=\"true\""));
    }

    private static io.restassured.response.Response api(String email, String client) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON).body(Map.of("email", email))
                .when().post("/api/subscriptions");
    }

    private static io.restassured.response.Response form(String email, String client) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.URLENC).formParam("email", email)
                .when().post("/subscribe");
    }

    private static boolean storedReader(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).isPresent());
    }
}
