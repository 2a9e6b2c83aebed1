package org.sundaydigest.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.GreenMailResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What operators watch: readiness of the database, the SMTP relay's wellness, metrics and the OpenAPI document. (The
 * relay down is in OutboxTest; the series at 0 right after a start are checked on the packaged jar.)
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class HealthTest {

    @Test
    void readinessReportsTheDatabaseAndTheRelayIsAWellnessCheck() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"), "checks.name",
                allOf(hasItem(containsString("Database")), not(hasItem("mailer"))));
        given().when().get("/q/health/well").then().statusCode(200).body("checks.name", hasItems("mailer"),
                "checks.find { it.name == 'mailer' }.data.relay", containsString("127.0.0.1:"));
        given().when().get("/q/health").then().statusCode(200).body("checks.name", hasItems("mailer"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void everyDigestSeriesIsInTheMetricsBeforeAnythingHappened() {
        given().when().get("/q/metrics").then().statusCode(200).body(
                containsString("digest_deliveries_total{outcome=\"sent\""),
                containsString("digest_deliveries_total{outcome=\"bounced\""),
                containsString("digest_deliveries_total{outcome=\"deferred\""),
                containsString("digest_signups_total{channel=\"web\""),
                containsString("digest_unsubscribes_total{channel=\"one_click\""),
                containsString("digest_bounces_total{kind=\"temporary\""), containsString("digest_complaints_total"),
                containsString("digest_confirmations_total"),
                containsString("digest_feed_fetches_total{status=\"not_modified\""));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().when().get("/subscribe").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{"), containsString("uri=\"/subscribe\""));
        given().when().get("/q/openapi?format=json").then().statusCode(200).body("paths.keySet()",
                hasItems("/api/subscriptions", "/api/articles", "/api/digests/{date}"));
    }
}
