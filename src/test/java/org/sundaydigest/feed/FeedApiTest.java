package org.sundaydigest.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.sundaydigest.testing.Api.asEditor;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.article.Article;
import org.sundaydigest.testing.GreenMailResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Editors' feeds over the API, imported from a local publisher's server into articles and the next issue. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class FeedApiTest {

    private final FeedServer server = new FeedServer();
    private final String id = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    FeedService feeds;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anEditorAddsAFeedAndTheWeeksArticlesAppearInTheNextIssuesPreview() {
        server.document("/times.xml", "rss2-content-media.xml", id);

        JsonPath feed = add(server.url("/times.xml"), "Local").statusCode(201)
                .header("Location", containsString("/api/feeds/")).body("lastStatus", equalTo("OK"))
                .body("entriesImported", equalTo(3), "lastFetchedAt", notNullValue()).extract().jsonPath();
        assertThat(feed.getString("lastError"))
                .isEqualTo("1 entry was not imported: entry 3 ('An entry without a link') has no link to an http or"
                        + " https page");

        asEditor().when().get("/api/articles?from=2010-03-01&to=2010-03-08").then().statusCode(200)
                .body("find { it.url == 'https://times.example.org/" + id + "/bridge' }.title",
                        equalTo("Bridge reopens after two years"))
                .body("find { it.url == 'https://times.example.org/" + id + "/bridge' }.section", equalTo("News"))
                .body("find { it.url == 'https://times.example.org/" + id + "/bridge' }.imageUrl",
                        equalTo("https://cdn.example.org/" + id + "/bridge.jpg"))
                .body("find { it.url == 'https://times.example.org/" + id + "/budget' }.section", equalTo("Local"));

        String preview = asEditor().when().get("/api/digests/" + LocalDate.of(2010, 3, 7) + "/preview").then()
                .statusCode(200).extract().asString();
        assertThat(preview).contains("Bridge reopens after two years", "Council votes on the budget",
                "https://times.example.org/" + id + "/bridge").doesNotContain("An entry without a link");
    }

    @Test
    void aFeedFetchedAgainUnchangedIsNotModifiedAndAddsNothing() {
        server.document("/review.atom", "atom-links.xml", id, "application/atom+xml");
        long feedId = add(server.url("/review.atom"), null).statusCode(201).body("entriesImported", equalTo(2))
                .extract().jsonPath().getLong("id");

        feeds.refresh(feedId);

        assertThat(server.requests("/review.atom").get(1).headers().getFirst("If-None-Match")).isNotBlank();
        feedView(feedId).body("lastStatus", equalTo("NOT_MODIFIED"), "lastError", nullValue(), "entriesImported",
                equalTo(2));
    }

    @Test
    void anEntryWhoseLinkChangesUpdatesItsArticleByGuid() {
        server.document("/moving.xml", "guid-before.xml", id);
        long feedId = add(server.url("/moving.xml"), null).statusCode(201).extract().jsonPath().getLong("id");
        long articleId = articleId("https://moving.example.org/" + id + "/draft-headline");

        server.document("/moving.xml", "guid-after.xml", id);
        feeds.refresh(feedId);

        asEditor().when().get("/api/articles/" + articleId).then().statusCode(200).body("url",
                equalTo("https://moving.example.org/" + id + "/final-headline"), "title", equalTo("Final headline"),
                "summary", equalTo("Second version."));
        asEditor().when().get("/api/articles?from=2010-03-08&to=2010-03-09").then().body("url",
                not(hasItem("https://moving.example.org/" + id + "/draft-headline")));
    }

    @Test
    void aBrokenFeedSaysWhatIsWrongAndKeepsWhatItImported() {
        server.document("/wp.xml", "wordpress.xml", id);
        long feedId = add(server.url("/wp.xml"), null).statusCode(201).body("entriesImported", equalTo(1)).extract()
                .jsonPath().getLong("id");

        server.document("/wp.xml", "malformed.xml", id);
        feeds.refresh(feedId);
        feedView(feedId).body("lastStatus", equalTo("ERROR"), "lastError",
                containsString("the document is not well-formed XML"), "entriesImported", equalTo(1));

        server.status("/wp.xml", 500);
        feeds.refresh(feedId);
        feedView(feedId).body("lastStatus", equalTo("ERROR"), "lastError",
                equalTo("the server answered HTTP 500 Internal Server Error for " + server.url("/wp.xml")));

        articleId("https://blog.example.org/2010/03/05/" + id + "-market-day/");
    }

    @Test
    void aFeedWithADoctypeIsRefusedAndSaysWhy() {
        server.document("/doctype.xml", "doctype.xml", id);

        add(server.url("/doctype.xml"), null).statusCode(201).body("lastStatus", equalTo("ERROR"), "lastError",
                containsString("declares a DOCTYPE, which is refused"), "entriesImported", equalTo(0));
    }

    @Test
    void aMissingOrSlowFeedIsAddedAndSaysWhy() {
        server.slow("/slow.xml", 4_000);

        add(server.url("/missing.xml"), null).statusCode(201).body("lastStatus", equalTo("ERROR"), "lastError",
                equalTo("the server answered HTTP 404 Not Found for " + server.url("/missing.xml")));
        add(server.url("/slow.xml"), null).statusCode(201).body("lastStatus", equalTo("ERROR"), "lastError",
                containsString("within 1 s"));
    }

    @Test
    void theSameFeedTwiceIsAConflictAndABadUrlIsNamed() {
        server.document("/rdf.xml", "rss1-rdf.xml", id);
        add(server.url("/rdf.xml"), null).statusCode(201);

        add(server.url("/rdf.xml#again"), null).statusCode(409).contentType("application/problem+json");
        add("ftp://feeds.example.org/rss", null).statusCode(400).body("errors[0].field", equalTo("url"));
    }

    @Test
    void aDeletedFeedIsGoneButItsArticlesStay() {
        server.document("/dates.xml", "odd-dates.xml", id);
        long feedId = add(server.url("/dates.xml"), null).statusCode(201).body("entriesImported", equalTo(4)).extract()
                .jsonPath().getLong("id");

        asEditor().when().delete("/api/feeds/" + feedId).then().statusCode(204);
        asEditor().when().delete("/api/feeds/" + feedId).then().statusCode(404).contentType("application/problem+json");
        asEditor().when().get("/api/feeds").then().statusCode(200).body("id", not(hasItem((int) feedId)));
        articleId("http://gazette.example.org/" + id + "/iso");
    }

    @Test
    void theFeedsOfDigestFeedsAreRegisteredAtStartOnlyOnce() {
        asEditor().when().get("/api/feeds").then().statusCode(200).body("url",
                hasItem("http://127.0.0.1:9/registered-at-start.xml"));

        assertThat(feeds.register("http://127.0.0.1:9/registered-at-start.xml")).isFalse();
        long count = QuarkusTransaction.requiringNew()
                .call(() -> Feed.count("url", "http://127.0.0.1:9/registered-at-start.xml"));
        assertThat(count).isEqualTo(1);
    }

    @Test
    void feedsAreForEditorsOnly() {
        given().when().get("/api/feeds").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.org/rss")).when().post("/api/feeds")
                .then().statusCode(401);
        given().when().delete("/api/feeds/1").then().statusCode(401);
    }

    private static io.restassured.response.ValidatableResponse add(String url, String section) {
        Map<String, Object> body = section == null ? Map.of("url", url) : Map.of("url", url, "section", section);
        return asEditor().contentType(ContentType.JSON).body(body).when().post("/api/feeds").then();
    }

    private static io.restassured.response.ValidatableResponse feedView(long feedId) {
        return asEditor().when().get("/api/feeds").then().statusCode(200).rootPath("find { it.id == " + feedId + " }");
    }

    private static long articleId(String url) {
        List<Article> found = QuarkusTransaction.requiringNew().call(() -> Article.list("url", url));
        assertThat(found).as(url).hasSize(1);
        return found.get(0).id;
    }
}
