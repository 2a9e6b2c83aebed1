package org.sundaydigest.subscriber;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.sundaydigest.testing.Api.uniqueEmail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;

/** {@code POST /api/subscriptions}: one answer for every valid address, a clear problem for everything else. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class SubscriptionApiTest {

    @InjectMailbox
    Mailbox mailbox;

    @Test
    void aValidSignUpIsAcceptedAndSendsAConfirmation() {
        String email = uniqueEmail("api");
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", "Ida", "sections", java.util.List.of("news", "Opinion"))).when()
                .post("/api/subscriptions").then().statusCode(202).contentType(ContentType.JSON)
                .body("status", equalTo("pending"));

        assertThat(mailbox.awaitTo(email, 1)).hasSize(1);
        assertThat(SubscriptionFlowTest.statusOf(email)).isEqualTo(SubscriberStatus.PENDING);
        assertThat(SubscriptionFlowTest.sectionsOf(email)).containsExactlyInAnyOrder("News", "Opinion");
        assertThat(SubscriptionFlowTest.consentOf(email)).containsExactly("SIGNUP/API");
    }

    @Test
    void knownAndUnknownAddressesGetTheSameAnswer() {
        String email = uniqueEmail("same");
        String first = signUp(email);
        String again = signUp(email);
        String other = signUp(uniqueEmail("other"));

        assertThat(again).isEqualTo(first).isEqualTo(other);
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-an-email", "a@b@c.com", "victim@example.org\r\nBcc: other@example.org",
            "victim@example.org\nBcc:other@example.org", "reader@localhost", " ", "<a@example.org>",
            "Ana <ana@example.org>" })
    void hostileOrInvalidAddressesAreRefusedWithoutAnyMail(String email) {
        Api.flushMail(mailbox);
        int before = mailbox.total();

        given().contentType(ContentType.JSON).body(Map.of("email", email)).when().post("/api/subscriptions").then()
                .statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400), "errors.field", hasItem("email"), "detail", containsString("email"));

        Api.flushMail(mailbox);
        assertThat(mailbox.total()).isEqualTo(before + 1);
    }

    @Test
    void overlongAddressesAreRefused() {
        given().contentType(ContentType.JSON).body(Map.of("email", "a".repeat(400) + "@example.org")).when()
                .post("/api/subscriptions").then().statusCode(400).body("errors.field", hasItem("email"));
        given().contentType(ContentType.JSON).body(Map.of("email", "a".repeat(65) + "@example.org")).when()
                .post("/api/subscriptions").then().statusCode(400).body("errors.field", hasItem("email"));
    }

    @Test
    void aMissingAddressIsNamed() {
        given().contentType(ContentType.JSON).body("{\"name\":\"No Mail\"}").when().post("/api/subscriptions").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("email"));
    }

    @Test
    void aNameWithLineBreaksIsRefused() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", uniqueEmail("crlf"), "name", "Ana\r\nBcc: x@example.org")).when()
                .post("/api/subscriptions").then().statusCode(400).body("errors.field", hasItem("name"));
    }

    @Test
    void unknownSectionsAreNamedByPosition() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", uniqueEmail("sec"), "sections", java.util.List.of("News", "Sport"))).when()
                .post("/api/subscriptions").then().statusCode(400).body("errors.field", hasItem("sections[1]"));
    }

    @Test
    void malformedJsonGetsAProblemNotATrace() {
        given().contentType(ContentType.JSON).body("{\"email\": \"ana@example.org\",").when().post("/api/subscriptions")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed JSON"))
                .body(not(containsString("at com.")), not(containsString("Exception")));
    }

    @Test
    void aWronglyTypedFieldIsNamed() {
        given().contentType(ContentType.JSON).body("{\"email\": \"ana@example.org\", \"sections\": {\"a\": 1}}").when()
                .post("/api/subscriptions").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("sections"));
    }

    @Test
    void anEmptyBodyIsRefused() {
        given().contentType(ContentType.JSON).body("").when().post("/api/subscriptions").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aThreeMegabyteBodyIsRefusedBeforeItIsRead() {
        Api.flushMail(mailbox);
        int before = mailbox.total();
        String huge = "{\"email\":\"ana@example.org\",\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";

        // As a careful client sends a large body: it waits for the answer to its headers, so the early 413 reaches
        // it rather than a connection closed under a body still being written.
        given().config(RestAssured.config()
                .httpClient(HttpClientConfig.httpClientConfig().setParam("http.protocol.expect-continue", true)))
                .contentType(ContentType.JSON).body(huge).when().post("/api/subscriptions").then().statusCode(413);

        Api.flushMail(mailbox);
        assertThat(mailbox.total()).isEqualTo(before + 1);
    }

    @Test
    void signUpNeedsNoCredentials() {
        given().contentType(ContentType.JSON).body(Map.of("email", uniqueEmail("anon"))).when()
                .post("/api/subscriptions").then().statusCode(202);
    }

    private static String signUp(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email)).when().post("/api/subscriptions")
                .then().statusCode(202).extract().asString();
    }
}
