package org.sundaydigest.issue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.sundaydigest.testing.Api.asEditor;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Issues;
import org.sundaydigest.testing.Mailbox;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** An issue as editors handle it: composed, curated, previewed, checked, test-sent, frozen and archived. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class IssueApiTest {

    /** Each test works on its own Sunday far from the others, so they share one database safely. */
    private static final AtomicInteger WEEKS = new AtomicInteger();

    @InjectMailbox
    Mailbox mailbox;

    @Inject
    IssueService digests;

    @Test
    void thePreviewShowsTheWeeksArticlesBySectionWithSampleLinks() {
        LocalDate date = nextSunday();
        String news = article(date, 2, "Harbour reopens", "News");
        article(date, 3, "Why the harbour matters", "Opinion");
        article(date, 4, "Older news item", "News");
        article(date.plusDays(1), 0, "Next week's story", "News");

        String html = asEditor().when().get("/api/digests/" + date + "/preview").then().statusCode(200)
                .contentType(ContentType.HTML).extract().asString();

        Document doc = Jsoup.parse(html);
        assertThat(doc.select("h1 a").text()).isEqualTo("Harbour reopens");
        assertThat(doc.select("h1 a").attr("href")).isEqualTo(news);
        assertThat(doc.select("h2").eachText()).containsExactly("News", "Opinion");
        assertThat(doc.select("h3 a").eachText()).containsExactly("Older news item", "Why the harbour matters");
        assertThat(html).doesNotContain("Next week's story")
                .contains("href=\"" + Api.PUBLIC_URL + "/unsubscribe?token=sample-token\"")
                .contains("href=\"" + Api.PUBLIC_URL + "/archive/" + date + "\"");

        String text = asEditor().queryParam("format", "text").when().get("/api/digests/" + date + "/preview").then()
                .statusCode(200).contentType(ContentType.TEXT).extract().asString();
        assertThat(text).contains("Harbour reopens", news, "== Opinion ==", "Why the harbour matters",
                Api.PUBLIC_URL + "/unsubscribe?token=sample-token").doesNotContain("<");
    }

    @Test
    void aReadersPreviewHasOnlyTheirSectionsAndTheirOwnLink() {
        LocalDate date = nextSunday();
        article(date, 2, "A news story", "News");
        article(date, 3, "An opinion piece", "Opinion");
        String email = Api.uniqueEmail("opinion-reader");
        given().contentType(ContentType.JSON).body(Map.of("email", email, "sections", List.of("Opinion"))).when()
                .post("/api/subscriptions").then().statusCode(202);
        long id = QuarkusTransaction.requiringNew()
                .call(() -> org.sundaydigest.subscriber.Subscriber.findByEmail(email).orElseThrow().id);
        String token = QuarkusTransaction.requiringNew()
                .call(() -> org.sundaydigest.subscriber.Subscriber.findByEmail(email).orElseThrow().unsubscribeToken);

        String html = asEditor().queryParam("subscriber", id).when().get("/api/digests/" + date + "/preview").then()
                .statusCode(200).extract().asString();

        assertThat(html).contains("An opinion piece", email, "/unsubscribe?token=" + token);
        assertThat(Jsoup.parse(html).body().text())
                .as("the subject may name the lead; the body holds only their sections").doesNotContain("A news story");
        asEditor().queryParam("subscriber", 999999999).when().get("/api/digests/" + date + "/preview").then()
                .statusCode(404);
    }

    @Test
    void curationPinsExcludesAndRewordsTheIssue() {
        LocalDate date = nextSunday();
        long a = id(article(date, 1, "Story A", "News"));
        long b = id(article(date, 2, "Story B", "Opinion"));
        long c = id(article(date, 3, "Story C", "News"));

        asEditor().contentType(ContentType.JSON)
                .body(Map.of("subject", "Our pick of the week", "editorNote", "A quiet week.", "pinned", List.of(b, a),
                        "excluded", List.of(c)))
                .when().put("/api/digests/" + date).then().statusCode(200).body("status", equalTo("DRAFT"), "subject",
                        equalTo("Our pick of the week"), "leadTitle", equalTo("Story B"), "articles", equalTo(2));

        Document doc = Jsoup
                .parse(asEditor().when().get("/api/digests/" + date + "/preview").then().extract().asString());
        assertThat(doc.select("h1 a").text()).isEqualTo("Story B");
        assertThat(doc.select("h2 a").eachText()).containsExactly("Story A");
        assertThat(doc.text()).contains("A quiet week.").doesNotContain("Story C");
        assertThat(doc.title()).isEqualTo("Our pick of the week");
        asEditor().when().get("/api/digests/" + date).then().statusCode(200).body("curation.pinned",
                equalTo(List.of((int) b, (int) a)));
    }

    @Test
    void curationNamesUnknownArticlesAndBadDates() {
        LocalDate date = nextSunday();
        asEditor().contentType(ContentType.JSON).body(Map.of("pinned", List.of(987654321))).when()
                .put("/api/digests/" + date).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("pinned[0]"));
        asEditor().contentType(ContentType.JSON).body(Map.of("subject", "x")).when().put("/api/digests/29-11-2026")
                .then().statusCode(400).body("errors.field", hasItem("date"));
        asEditor().contentType(ContentType.JSON).body(Map.of("subject", "x".repeat(201))).when()
                .put("/api/digests/" + date).then().statusCode(400).body("errors.field", hasItem("subject"));
    }

    @Test
    void sendingFreezesTheContentAndEndsCuration() throws Exception {
        LocalDate date = nextSunday();
        String url = article(date, 2, "Original title", "News");
        asEditor().when().post("/api/digests/" + date + "/send").then().statusCode(202);

        asEditor()
                .contentType(ContentType.JSON).body(Map.of("url", url, "title", "Edited later", "publishedAt",
                        publishedAt(date, 2).toString(), "section", "News"))
                .when().post("/api/articles").then().statusCode(200);

        asEditor().when().get("/api/digests/" + date + "/preview").then().statusCode(200)
                .body(containsString("Original title"), not(containsString("Edited later")));
        asEditor().contentType(ContentType.JSON).body(Map.of("subject", "Too late")).when().put("/api/digests/" + date)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("can no longer be changed"));
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 30)).isEqualTo(IssueStatus.SENT);
        asEditor().when().get("/api/digests").then().statusCode(200).body("find { it.date == '" + date + "' }.status",
                equalTo("SENT"));
    }

    @Test
    void checksPassForAGoodIssueAndNameWhatBlocksABadOne() {
        LocalDate date = nextSunday();
        article(date, 2, "A fine story", "News");
        asEditor().when().get("/api/digests/" + date + "/checks").then().statusCode(200).body("ready", equalTo(true),
                "checks.findAll { !it.passed }.size()", equalTo(0), "checks.name", hasItem("size"));

        LocalDate empty = nextSunday();
        asEditor().when().get("/api/digests/" + empty + "/checks").then().statusCode(200).body("ready", equalTo(false),
                "checks.find { it.name == 'articles' }.passed", equalTo(false));

        LocalDate huge = nextSunday();
        for (int i = 0; i < 40; i++) {
            articleWithSummary(huge, 1, "Long story " + i, "News", "Lorem ipsum dolor sit amet. ".repeat(140));
        }
        asEditor().when().get("/api/digests/" + huge + "/checks").then().statusCode(200).body("ready", equalTo(false),
                "checks.find { it.name == 'size' }.passed", equalTo(false), "checks.find { it.name == 'size' }.message",
                containsString("102 KB"));
    }

    @Test
    void aTestSendReachesOnlyTheGivenAddressesMarkedAsATest() throws Exception {
        LocalDate date = nextSunday();
        String url = article(date, 2, "Test-send story", "News");
        String to = Api.uniqueEmail("editor-inbox");

        asEditor().contentType(ContentType.JSON).body(Map.of("to", List.of(to))).when()
                .post("/api/digests/" + date + "/test").then().statusCode(200);

        List<MimeMessage> received = mailbox.awaitTo(to, 1);
        assertThat(received).hasSize(1);
        MimeMessage mail = received.get(0);
        assertThat(mail.getSubject()).startsWith("[TEST] Sunday Digest, ").endsWith("Test-send story");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(mail.getHeader("List-Unsubscribe")[0])
                .isEqualTo("<" + Api.PUBLIC_URL + "/unsubscribe?token=sample-token>, <mailto:"
                        + GreenMailResource.UNSUBSCRIBE_ADDRESS + "?subject=unsubscribe-sample-token>");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.getHeader("List-Id")[0]).isEqualTo("Sunday Digest <digest.digest.example.test>");
        assertThat(mail.getHeader("Message-ID")[0]).matches("<test\\.[0-9a-f-]+@example\\.org>");
        assertThat(Mailbox.emptyHeaders(mail)).as("empty headers").isEmpty();
        assertThat(mail.getHeader("Date")).isNotNull();
        assertThat(Mailbox.part(mail, "text/html")).contains(url);
        assertThat(Mailbox.part(mail, "text/plain")).contains("Test-send story", url);
        QuarkusTransaction.requiringNew()
                .run(() -> assertThat(Issue.forDate(date)).as("a test send creates no issue").isEmpty());
    }

    @Test
    void aTestSendToABadAddressSendsNothing() {
        LocalDate date = nextSunday();
        article(date, 2, "Story", "News");
        Api.flushMail(mailbox);
        int before = mailbox.total();

        asEditor().contentType(ContentType.JSON).body(Map.of("to", List.of("ok@example.org", "x\r\nBcc: y@z.org")))
                .when().post("/api/digests/" + date + "/test").then().statusCode(400)
                .body("errors.field", hasItem("to[1]"));
        asEditor().contentType(ContentType.JSON).body(Map.of("to", List.of())).when()
                .post("/api/digests/" + date + "/test").then().statusCode(400).body("errors.field", hasItem("to"));

        Api.flushMail(mailbox);
        assertThat(mailbox.total()).isEqualTo(before + 1);
    }

    @Test
    void sentIssuesAreInTheArchiveWithoutAnythingPersonal() throws Exception {
        LocalDate date = nextSunday();
        article(date, 2, "Archived story", "News");
        asEditor().contentType(ContentType.JSON).body(Map.of("editorNote", "Note for the archive")).when()
                .put("/api/digests/" + date).then().statusCode(200);
        given().when().get("/archive/" + date).then().statusCode(404);
        asEditor().when().post("/api/digests/" + date + "/send").then().statusCode(202);
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 30)).isEqualTo(IssueStatus.SENT);

        given().when().get("/archive").then().statusCode(200).body(containsString("/archive/" + date));
        String html = given().when().get("/archive/" + date).then().statusCode(200).contentType(ContentType.HTML)
                .extract().asString();
        assertThat(html).contains("Archived story", "Note for the archive", "/subscribe").doesNotContain("token=",
                IssueRenderer.SAMPLE_EMAIL, "%%");

        String rss = given().when().get("/archive/feed.xml").then().statusCode(200).contentType("application/rss+xml")
                .extract().asString();
        SyndFeed feed = new SyndFeedInput().build(new StringReader(rss));
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getEntries()).anySatisfy(entry -> {
            assertThat(entry.getLink()).isEqualTo(Api.PUBLIC_URL + "/archive/" + date);
            assertThat(entry.getTitle()).endsWith("Archived story");
        });
        given().when().get("/archive/not-a-date").then().statusCode(404);
    }

    @Test
    void editorsNeedCredentialsForEveryDigestEndpoint() {
        LocalDate date = nextSunday();
        given().when().get("/api/digests").then().statusCode(401);
        given().when().get("/api/digests/" + date + "/preview").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").when().put("/api/digests/" + date).then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"to\":[\"a@example.org\"]}").when()
                .post("/api/digests/" + date + "/test").then().statusCode(401);
    }

    static LocalDate nextSunday() {
        return LocalDate.of(2040, 1, 1).plusWeeks(WEEKS.incrementAndGet() * 3L);
    }

    static Instant publishedAt(LocalDate date, int daysBefore) {
        return date.atTime(7, 0).toInstant(java.time.ZoneOffset.UTC).minus(java.time.Duration.ofDays(daysBefore));
    }

    static String article(LocalDate date, int daysBefore, String title, String section) {
        return articleWithSummary(date, daysBefore, title, section, "Summary of " + title + ".");
    }

    static String articleWithSummary(LocalDate date, int daysBefore, String title, String section, String summary) {
        String url = "https://news.example.org/" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("title", title);
        body.put("summary", summary);
        body.put("author", "Staff writer");
        body.put("section", section);
        body.put("publishedAt", publishedAt(date, daysBefore).toString());
        asEditor().contentType(ContentType.JSON).body(body).when().post("/api/articles").then().statusCode(201);
        return url;
    }

    static long id(String url) {
        return asEditor().when().get("/api/articles").then().extract().jsonPath()
                .getLong("find { it.url == '" + url + "' }.id");
    }
}
