package org.sundaydigest.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.GreenMailResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What operators watch: readiness of the database and the SMTP relay, metrics and the OpenAPI document. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class HealthTest {

    @Test
    void readinessReportsTheDatabaseAndTheMailer() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"), "checks.name",
                hasItems("mailer"), "checks.find { it.name == 'mailer' }.data.relay", containsString("127.0.0.1:"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
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
