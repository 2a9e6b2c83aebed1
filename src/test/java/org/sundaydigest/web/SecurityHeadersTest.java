package org.sundaydigest.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.sundaydigest.testing.Api.asEditor;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.Issues;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What every answer tells the browser: no sniffing, no framing by others, no referrer, no caching of private data. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class SecurityHeadersTest {

    @ParameterizedTest
    @ValueSource(strings = { "/subscribe", "/subscribe/confirm?token=x", "/unsubscribe?token=x", "/archive",
            "/editor/login" })
    void everyPageForbidsSniffingFramingByOthersAndTheReferrer(String path) {
        given().redirects().follow(false).when().get(path).then().header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", containsString("frame-ancestors 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Referrer-Policy", "no-referrer");
    }

    @Test
    void theDeskTheApiAndExportsAreNeverCached() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Cached?", "News");
        asEditor().when().post("/api/digests/" + date + "/send").then().statusCode(202);
        asEditor().when().get("/api/digests/" + date + "/deliveries.csv").then().statusCode(200).header("Cache-Control",
                "no-store");
        asEditor().when().get("/api/digests").then().header("Cache-Control", "no-store");
        given().redirects().follow(false).when().get("/editor").then().header("Cache-Control", "no-store");
    }

    @Test
    void theProgressScriptIsAFileThePolicyAllows() {
        given().when().get("/desk/progress.js").then().statusCode(200)
                .header("X-Content-Type-Options", equalTo("nosniff")).body(containsString("panel.dataset.url"));
    }
}
