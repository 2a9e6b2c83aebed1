package org.sundaydigest.subscriber;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.sundaydigest.testing.Api.asEditor;
import static org.sundaydigest.testing.Api.uniqueEmail;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Editors' view of the readers: listing, the consent record and erasure. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class SubscriberApiTest {

    @InjectMailbox
    Mailbox mailbox;

    @Test
    void editorsListReadersByStatusPageByPage() {
        for (int i = 0; i < 3; i++) {
            signUp(uniqueEmail("page"));
        }
        int total = asEditor()
                .when().get("/api/subscribers?status=pending&size=2").then().statusCode(200).body("items", hasSize(2),
                        "items.status", everyItem(equalTo("PENDING")), "page", equalTo(0), "size", equalTo(2))
                .extract().path("total");
        assertThat(total).isGreaterThanOrEqualTo(3);

        asEditor().when().get("/api/subscribers?status=PENDING&size=2&page=1").then().statusCode(200).body("page",
                equalTo(1), "items.status", everyItem(equalTo("PENDING")));
    }

    @Test
    void badPagingAndStatusAreNamed() {
        asEditor().when().get("/api/subscribers?status=sleeping").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("status"));
        asEditor().when().get("/api/subscribers?size=0").then().statusCode(400).body("errors.field", hasItem("size"));
        asEditor().when().get("/api/subscribers?size=501").then().statusCode(400).body("errors.field", hasItem("size"));
        asEditor().when().get("/api/subscribers?page=-1").then().statusCode(400).body("errors.field", hasItem("page"));
        asEditor().when().get("/api/subscribers?page=abc").then().statusCode(400).body("errors.field", hasItem("page"));
    }

    @Test
    void aReaderShowsTheirProofOfConsent() {
        String email = uniqueEmail("proof");
        given().contentType(ContentType.JSON).header("User-Agent", "ProofTest/1.0").body(Map.of("email", email)).when()
                .post("/api/subscriptions").then().statusCode(202);
        long id = SubscriptionFlowTest.idOf(email);

        asEditor().when().get("/api/subscribers/" + id).then().statusCode(200).body("subscriber.email", equalTo(email),
                "subscriber.status", equalTo("PENDING"), "consent[0].type", equalTo("SIGNUP"), "consent[0].channel",
                equalTo("API"), "consent[0].ip", notNullValue(), "consent[0].userAgent", equalTo("ProofTest/1.0"),
                "consent[0].consentVersion", equalTo("2026-11-v1"), "consent[0].at", notNullValue());
    }

    @Test
    void unknownReadersAre404Problems() {
        asEditor().when().get("/api/subscribers/999999999").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        asEditor().when().delete("/api/subscribers/999999999").then().statusCode(404);
    }

    @Test
    void erasureRemovesTheReaderButKeepsTheAddressSuppressedUntilTheyConfirmAnew() {
        String email = uniqueEmail("erase");
        signUp(email);
        long id = SubscriptionFlowTest.idOf(email);

        asEditor().when().delete("/api/subscribers/" + id).then().statusCode(204);

        asEditor().when().get("/api/subscribers/" + id).then().statusCode(404);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email))).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> ConsentEvent.count("subscriber.id", id))).isZero();
        assertThat(suppressed(email)).isTrue();
        assertThat(QuarkusTransaction.requiringNew()
                .call(() -> Suppression.<Suppression> listAll().stream().noneMatch(s -> s.emailHash.contains("@"))))
                        .as("only a hash of the address is kept").isTrue();

        signUp(email);
        assertThat(suppressed(email)).as("a new sign-up alone does not lift it").isTrue();
        List<jakarta.mail.internet.MimeMessage> mails = mailbox.awaitTo(email, 2);
        String link = Mailbox.links(Mailbox.part(mails.get(mails.size() - 1), "text/plain"),
                Api.PUBLIC_URL + "/subscribe/confirm?token=").get(0);
        Api.confirm(link).then().statusCode(200);
        assertThat(suppressed(email)).isFalse();
    }

    private static boolean suppressed(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Suppression.isSuppressed(email));
    }

    private static void signUp(String email) {
        given().contentType(ContentType.JSON).body(Map.of("email", email)).when().post("/api/subscriptions").then()
                .statusCode(202);
    }
}
