package org.sundaydigest.bounce;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Out of the box no webhook is configured, and none exists. */
@QuarkusTest
class WebhooksUnconfiguredTest {

    @Test
    void everyWebhookAnswersNotFoundUntilItIsConfigured() {
        for (String path : List.of("bounces", "ses", "postmark", "mailgun", "sendgrid")) {
            given().contentType(ContentType.JSON).header("X-Digest-Signature", "sha256=00").body("{\"events\": []}")
                    .when().post("/api/webhooks/" + path).then().statusCode(404)
                    .contentType(startsWith("application/problem+json"));
        }
    }
}
