package org.sundaydigest.article;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.sundaydigest.testing.Api.asEditor;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.GreenMailResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Articles over the API: upsert by canonical URL, filters, and clear answers to bad input. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class ArticleApiTest {

    @Test
    void postingTheSameUrlAgainUpdatesTheArticle() {
        String slug = UUID.randomUUID().toString();
        int id = asEditor().contentType(ContentType.JSON)
                .body(article("https://news.example.org/" + slug, "First title", "2026-11-25T10:00:00Z")).when()
                .post("/api/articles").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/articles/\\d+$"))
                .body("id", notNullValue(), "title", equalTo("First title")).extract().path("id");

        asEditor().contentType(ContentType.JSON)
                .body(article("HTTPS://News.Example.org/" + slug + "?utm_source=x#top", "Second title",
                        "2026-11-25T10:00:00Z"))
                .when().post("/api/articles").then().statusCode(200).body("id", equalTo(id), "title",
                        equalTo("Second title"), "url", equalTo("https://news.example.org/" + slug));

        asEditor().when().get("/api/articles/" + id).then().statusCode(200).body("title", equalTo("Second title"));
    }

    @Test
    void theListFiltersByWindowAndSection() {
        String tag = UUID.randomUUID().toString();
        post(article("https://a.example.org/" + tag + "/in", "In window", "2031-03-10T08:00:00Z", "Opinion"));
        post(article("https://a.example.org/" + tag + "/edge", "At start", "2031-03-09T00:00:00Z", "opinion"));
        post(article("https://a.example.org/" + tag + "/out", "Too late", "2031-03-16T00:00:00Z", "Opinion"));
        post(article("https://a.example.org/" + tag + "/news", "Other section", "2031-03-11T08:00:00Z", "News"));

        asEditor().when().get("/api/articles?from=2031-03-09&to=2031-03-16&section=Opinion").then().statusCode(200)
                .body("title", hasItems("In window", "At start"), "title", not(hasItem("Too late")), "title",
                        not(hasItem("Other section")), "[0].title", equalTo("In window"));

        asEditor().queryParam("from", "2031-03-09T00:00:00Z").queryParam("to", "2031-03-16T00:00:00+00:00").when()
                .get("/api/articles").then().statusCode(200).body("title", hasItems("In window", "Other section"));
    }

    @Test
    void badFiltersAreNamed() {
        asEditor().when().get("/api/articles?from=last-week").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        asEditor().when().get("/api/articles?to=2026-13-45").then().statusCode(400).body("errors[0].field",
                equalTo("to"));
    }

    @Test
    void invalidArticlesAreRefusedFieldByField() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("url", "javascript:alert(1)");
        bad.put("title", " ");
        bad.put("imageUrl", "ftp://example.org/a.png");
        asEditor().contentType(ContentType.JSON).body(bad).when().post("/api/articles").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("url", "title", "imageUrl", "publishedAt"));

        asEditor().contentType(ContentType.JSON)
                .body("{\"url\":\"https://e.example.org/x\",\"title\":\"T\",\"publishedAt\":\"yesterday\"}").when()
                .post("/api/articles").then().statusCode(400).body("errors.field", hasItem("publishedAt"));

        asEditor().contentType(ContentType.JSON)
                .body(article("https://e.example.org/" + UUID.randomUUID(), "x".repeat(501), "2026-11-25T10:00:00Z"))
                .when().post("/api/articles").then().statusCode(400).body("errors.field", hasItem("title"));
    }

    @Test
    void putReplacesAndRefusesAnotherArticlesUrl() {
        String tag = UUID.randomUUID().toString();
        int first = post(article("https://p.example.org/" + tag + "/1", "One", "2026-11-25T10:00:00Z"));
        post(article("https://p.example.org/" + tag + "/2", "Two", "2026-11-25T10:00:00Z"));

        asEditor().contentType(ContentType.JSON)
                .body(article("https://p.example.org/" + tag + "/1", "One, corrected", "2026-11-26T10:00:00Z")).when()
                .put("/api/articles/" + first).then().statusCode(200)
                .body("title", equalTo("One, corrected"), "publishedAt", containsString("2026-11-26"));

        asEditor().contentType(ContentType.JSON)
                .body(article("https://p.example.org/" + tag + "/2", "Steal", "2026-11-26T10:00:00Z")).when()
                .put("/api/articles/" + first).then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void deleteRemovesAndUnknownIdsAre404() {
        int id = post(article("https://d.example.org/" + UUID.randomUUID(), "Gone", "2026-11-25T10:00:00Z"));

        asEditor().when().delete("/api/articles/" + id).then().statusCode(204);

        asEditor().when().get("/api/articles/" + id).then().statusCode(404).contentType("application/problem+json");
        asEditor().when().delete("/api/articles/" + id).then().statusCode(404);
        asEditor().contentType(ContentType.JSON).body(article("https://d.example.org/x", "X", "2026-11-25T10:00:00Z"))
                .when().put("/api/articles/" + id).then().statusCode(404);
    }

    private static int post(Map<String, Object> article) {
        return asEditor().contentType(ContentType.JSON).body(article).when().post("/api/articles").then()
                .statusCode(201).extract().path("id");
    }

    static Map<String, Object> article(String url, String title, String publishedAt) {
        return article(url, title, publishedAt, "News");
    }

    static Map<String, Object> article(String url, String title, String publishedAt, String section) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("title", title);
        body.put("summary", "A summary.");
        body.put("author", "A. Writer");
        body.put("section", section);
        body.put("imageUrl", "https://img.example.org/a.jpg");
        body.put("publishedAt", publishedAt);
        return body;
    }
}
