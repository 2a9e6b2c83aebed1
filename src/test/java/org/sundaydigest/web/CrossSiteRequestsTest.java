package org.sundaydigest.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.sundaydigest.testing.Api.asEditor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.Issues;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A page on another site cannot use an editor's cached Basic credentials to change anything: a foreign Origin, a
 * cross-site or same-site Sec-Fetch-Site, or a form body is refused with 403 and nothing changes.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class CrossSiteRequestsTest {

    private static final String EVIL = "https://evil.example";

    @Test
    void aSendFromAForeignOriginIsRefusedAndNothingIsSent() throws Exception {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Cross-site story", "News");

        asEditor().header("Origin", EVIL).when().post("/api/digests/" + date + "/send").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("Origin"));
        withoutBody().header("Origin", EVIL).contentType("application/x-www-form-urlencoded").when()
                .post("/api/digests/" + date + "/send").then().statusCode(403);
        asEditor().header("Origin", EVIL).when().post("/api/digests/" + date + "/retry-failed").then().statusCode(403);

        asEditor().when().get("/api/digests/" + date).then().statusCode(200).body("status", equalTo("DRAFT"))
                .body("delivery.recipients", equalTo(0));
    }

    @Test
    void aCrossSiteOrSameSiteFetchIsRefusedAndTheCurationStaysAsItWas() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Curated story", "News");
        asEditor().body(Map.of("subject", "Ours")).when().put("/api/digests/" + date).then().statusCode(200);

        for (String site : List.of("cross-site", "same-site")) {
            asEditor().header("Sec-Fetch-Site", site).body(Map.of("subject", "Theirs")).when()
                    .put("/api/digests/" + date).then().statusCode(403)
                    .body("detail", containsString("Sec-Fetch-Site"));
        }

        asEditor().when().get("/api/digests/" + date).then().body("curation.subject", equalTo("Ours"));
    }

    @Test
    void aFormOrPlainTextBodyIsRefusedAndTheArticleStays() throws Exception {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Kept story", "News");
        int id = asEditor().queryParam("from", date.minusDays(7).toString()).queryParam("to", date.toString()).when()
                .get("/api/articles").then().extract().path("find { it.title == 'Kept story' }.id");

        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain;charset=UTF-8")) {
            HttpResponse<String> refused = send("DELETE", "/api/articles/" + id, type, "x=1");
            assertThat(refused.statusCode()).as(type).isEqualTo(403);
            assertThat(refused.body()).contains("JSON");
        }

        asEditor().when().get("/api/articles/" + id).then().statusCode(200);
    }

    @Test
    void aScriptOrTheServicesOwnPagesMayStillChangeThings() throws Exception {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Own story", "News");

        assertThat(curlPost("/api/digests/" + date + "/send")).as("curl -u editor:… -X POST, no body").isEqualTo(202);
        asEditor().header("Origin", Api.PUBLIC_URL).header("Sec-Fetch-Site", "same-origin").body(Map.of("subject", "x"))
                .when().put("/api/digests/" + Issues.freshSunday()).then().statusCode(200);
    }

    @Test
    void theSignUpMayBeCalledFromThePublishersSiteAndAnswersCorsOnlyToIt() {
        given().header("Origin", "https://publisher.example.test").header("Access-Control-Request-Method", "POST")
                .when().options("/api/subscriptions").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://publisher.example.test")
                .header("Access-Control-Allow-Methods", "POST");
        given().header("Origin", EVIL).header("Access-Control-Request-Method", "POST").when()
                .options("/api/subscriptions").then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());

        given().header("Origin", "https://publisher.example.test").contentType(ContentType.JSON)
                .body(Map.of("email", Api.uniqueEmail("cors"))).when().post("/api/subscriptions").then().statusCode(202)
                .header("Access-Control-Allow-Origin", "https://publisher.example.test");
        given().header("Origin", EVIL).contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("evil")))
                .when().post("/api/subscriptions").then().statusCode(202)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    /** What {@code curl -u editor:… -X POST URL} sends: credentials, no body, no content type, no Origin. */
    private static int curlPost(String path) throws Exception {
        return send("POST", path, null, null).statusCode();
    }

    /** A request exactly as given, with the editor's Basic credentials, as a browser that cached them would send. */
    private static HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        String credentials = Base64.getEncoder()
                .encodeToString((Api.EDITOR + ":" + Api.EDITOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", "Basic " + credentials).method(method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Basic credentials as a client sends them before it names a content type. */
    private static RequestSpecification withoutBody() {
        return given().auth().preemptive().basic(Api.EDITOR, Api.EDITOR_PASSWORD);
    }
}
