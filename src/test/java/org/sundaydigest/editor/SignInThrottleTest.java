package org.sundaydigest.editor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.common.Roles;
import org.sundaydigest.testing.AdjustableClock;
import org.sundaydigest.testing.Authenticator;
import org.sundaydigest.testing.ClientAddressProfile;
import org.sundaydigest.testing.GreenMailResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Guessing passwords: after ten failures for one account from one client address, that account is refused from that
 * address for fifteen minutes, right password or not, on HTTP Basic and on the login form; nobody else is.
 */
@QuarkusTest
@TestProfile(ClientAddressProfile.class)
@WithTestResource(GreenMailResource.class)
class SignInThrottleTest {

    private static final String PASSWORD = "a-long-enough-password";

    @Inject
    AdjustableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theEleventhBasicAttemptIsRefusedWith429EvenWithTheRightPasswordButNobodyElseIs() {
        String name = account();
        for (int i = 0; i < 10; i++) {
            assertThat(basic(name, "wrong-" + i, "203.0.113.7").statusCode()).isEqualTo(401);
        }

        Response refused = basic(name, "wrong-again", "203.0.113.7");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 901L);
        assertThat(refused.header("WWW-Authenticate")).isNull();
        assertThat(basic(name, PASSWORD, "203.0.113.7").statusCode()).as("the right password, while throttled")
                .isEqualTo(429);

        assertThat(basic(name, PASSWORD, "203.0.113.8").statusCode()).as("the same account from elsewhere")
                .isEqualTo(200);
        assertThat(basic(account(), PASSWORD, "203.0.113.7").statusCode()).as("another account from there")
                .isEqualTo(200);

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(basic(name, PASSWORD, "203.0.113.7").statusCode()).as("once the fifteen minutes are over")
                .isEqualTo(200);
    }

    @Test
    void theLoginFormIsThrottledTooAndSaysWhenToTryAgain() {
        String name = account();
        for (int i = 0; i < 10; i++) {
            assertThat(form(name, "wrong-" + i, "203.0.113.9").header("Location")).endsWith("/editor/login?error=true");
        }

        Response refused = form(name, PASSWORD, "203.0.113.9");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(refused.header("Location")).isNull();
        assertThat(refused.getCookie("quarkus-credential")).as("no session for a throttled sign-in").isNull();
        given().when().get("/editor/login?retryAfter=600").then().statusCode(429).header("Retry-After", "600")
                .body(containsString("try again in 10 minutes"));

        assertThat(form(name, PASSWORD, "203.0.113.10").header("Location")).as("from another address")
                .endsWith("/editor");
    }

    @Test
    void successfulSignInsDoNotAddUp() {
        String name = account();
        for (int i = 0; i < 15; i++) {
            assertThat(basic(name, PASSWORD, "203.0.113.11").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void wrongCodesFromManyAddressesStillCountForTheAccount() {
        String name = "spread-" + System.nanoTime();
        SecondFactorTest.create(name);
        SecondFactorTest.Enrolled account = SecondFactorTest.enrol(name, clock);
        for (int i = 0; i < 10; i++) {
            assertThat(SecondFactorTest
                    .loginFrom("198.51.100." + (i + 1), account.name(), SecondFactorTest.PASSWORD, "00000" + i)
                    .header("Location")).endsWith("/editor/login?error=true");
        }
        Response last = SecondFactorTest.loginFrom("198.51.100.99", account.name(), SecondFactorTest.PASSWORD,
                Authenticator.code(account.key(), clock.instant(), 1));
        assertThat(last.header("Location")).as("the right code, from an address with no failure, after ten wrong ones")
                .endsWith("/editor/login?error=true");
    }

    private static String account() {
        String name = "throttled-" + System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> Editor.create(name, PASSWORD, Roles.EDITOR, Instant.now()));
        return name;
    }

    private static Response basic(String name, String password, String client) {
        return given().header("X-Forwarded-For", client).auth().preemptive().basic(name, password).when()
                .get("/api/digests");
    }

    private static Response form(String name, String password, String client) {
        return given().header("X-Forwarded-For", client).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", name).formParam("password", password).when().post("/editor/login");
    }
}
