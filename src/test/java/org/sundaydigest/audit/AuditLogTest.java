package org.sundaydigest.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sundaydigest.testing.Api.asEditor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sundaydigest.common.Roles;
import org.sundaydigest.issue.IssueStatus;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.Issues;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The audit log: every change leaves exactly one entry, naming the account that made it and never a reader's address; a
 * refused change leaves none; sign-ins are recorded; only admins read it; it is kept two years. Each test acts through
 * fresh accounts of its own, so that its counts are its own.
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogTest {

    private static final String PASSWORD = "audit-trail-passphrase-2026!";
    private static final String NEW_PASSWORD = "audit-trail-renewed-2026!";

    @Inject
    AuditLog log;

    @Test
    void eachChangeLeavesExactlyOneEntry() {
        String x = account(Roles.EDITOR);

        String url = "https://news.example.org/audited-" + UUID.randomUUID();
        long article = signedInAs(x).body(article(url, "Audited story")).when().post("/api/articles").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        assertThat(count(x, "article.save")).as("article.save after the creation").isEqualTo(1);
        signedInAs(x).body(article(url, "Audited story, revised")).when().put("/api/articles/" + article).then()
                .statusCode(200);
        assertThat(count(x, "article.save")).as("article.save after the update too").isEqualTo(2);
        signedInAs(x).when().delete("/api/articles/" + article).then().statusCode(204);
        assertThat(count(x, "article.delete")).isEqualTo(1);

        LocalDate curated = Issues.freshSunday();
        signedInAs(x).body(Map.of("subject", "Audited subject")).when().put("/api/digests/" + curated).then()
                .statusCode(200);
        assertThat(count(x, "issue.curate")).isEqualTo(1);

        LocalDate noIssue = Issues.freshSunday();
        signedInAs(x).when().post("/api/digests/" + noIssue + "/retry-failed").then().statusCode(404);
        assertThat(count(x, "issue.retry")).as("a retry of an issue that does not exist").isZero();

        Reader reader = Readers.insert(1, SubscriberStatus.ACTIVE, "audit-erased").get(0);
        signedInAs(x).when().delete("/api/subscribers/" + reader.id()).then().statusCode(204);
        List<Map<String, Object>> erasures = items(x, "subscriber.erase");
        assertThat(erasures).hasSize(1);
        assertThat(String.valueOf(erasures.get(0).get("target"))).isEqualTo("subscriber " + reader.id())
                .doesNotContainIgnoringCase(reader.email());
        assertThat(String.valueOf(erasures.get(0).get("detail"))).doesNotContainIgnoringCase(reader.email());

        String csv = "email\nsomeone-" + System.nanoTime() + "@example.org\n";
        long importId = signedInAs(x).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).when()
                .post("/api/subscribers/imports?mode=confirmed&dryRun=true").then().statusCode(202).extract().jsonPath()
                .getLong("id");
        assertThat(count(x, "import.start")).isEqualTo(1);
        // Not left running, where it would keep the next test's import waiting.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> !"RUNNING".equals(
                signedInAs(x).when().get("/api/subscribers/imports/" + importId).then().extract().path("status")));
        assertThat(count(x, "import.run")).as("a dry run is not run for real").isZero();
    }

    @Test
    void feedsTestSendsSendsAndRetriesLeaveOneEntryEach() {
        String x = account(Roles.EDITOR);

        long feed = signedInAs(x).body(Map.of("url", "http://127.0.0.1:9/audited-" + System.nanoTime() + ".xml")).when()
                .post("/api/feeds").then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(count(x, "feed.add")).isEqualTo(1);
        signedInAs(x).when().delete("/api/feeds/" + feed).then().statusCode(204);
        assertThat(count(x, "feed.delete")).isEqualTo(1);

        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "An audited issue", "News");
        signedInAs(x).body(Map.of("to", List.of("audit-test@example.org"))).when()
                .post("/api/digests/" + date + "/test").then().statusCode(200);
        assertThat(items(x, "issue.test")).singleElement()
                .satisfies(entry -> assertThat(entry.get("detail")).asString().contains("audit-test@example.org"));

        List<Reader> readers = Readers.insert(1, SubscriberStatus.ACTIVE, "audit-send");
        try {
            signedInAs(x).when().post("/api/digests/" + date + "/send").then().statusCode(202);
            signedInAs(x).when().post("/api/digests/" + date + "/send").then().statusCode(202);
            assertThat(count(x, "issue.send")).as("a second send starts nothing new and records nothing").isEqualTo(1);
            assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);
            signedInAs(x).when().post("/api/digests/" + date + "/retry-failed").then().statusCode(202);
            assertThat(items(x, "issue.retry")).singleElement()
                    .satisfies(entry -> assertThat(entry.get("detail")).asString().startsWith("0 recipients"));
        } finally {
            Readers.retire(readers);
        }
    }

    @Test
    void accountChangesAreAudited() {
        String admin = account(Roles.ADMIN);
        String y = accountCreatedBy(admin, Roles.EDITOR);
        assertThat(count(admin, "account.create")).isEqualTo(1);
        assertThat(items(admin, "account.create")).extracting(item -> item.get("target")).containsExactly(y);

        signedInAs(admin).body(Map.of("role", Roles.VIEWER)).when().put("/api/editors/" + y).then().statusCode(200);
        assertThat(count(admin, "account.update")).isEqualTo(1);

        signedInAs(y).body(Map.of("current", PASSWORD, "password", NEW_PASSWORD)).when().put("/api/editors/me/password")
                .then().statusCode(204);
        List<Map<String, Object>> changes = items(y, "account.password");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0)).containsEntry("editor", y).containsEntry("target", y);

        signedInAs(admin).when().delete("/api/editors/" + y).then().statusCode(204);
        assertThat(count(admin, "account.delete")).isEqualTo(1);
        assertThat(items(admin, "account.delete")).extracting(item -> item.get("target")).containsExactly(y);
    }

    @Test
    void aRefusedChangeLeavesNoEntry() {
        String admin = account(Roles.ADMIN);
        String w = accountCreatedBy(admin, Roles.EDITOR);

        signedInAs(admin).body(newAccount(w, Roles.EDITOR)).when().post("/api/editors").then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(count(admin, "account.create")).as("after a second account of the same name").isEqualTo(1);
        assertThat(items(admin, "account.create")).extracting(item -> item.get("target")).containsExactly(w);

        signedInAs(w).body(Map.of("current", "not-the-current-password", "password", NEW_PASSWORD)).when()
                .put("/api/editors/me/password").then().statusCode(400).contentType("application/problem+json");
        assertThat(count(w, "account.password")).isZero();
    }

    @Test
    void failedAndSuccessfulSignInsAreAudited() {
        String x = account(Roles.EDITOR);

        given().auth().preemptive().basic(x, "a-wrong-password-2026").when().get("/api/digests").then().statusCode(401);
        List<Map<String, Object>> failed = items(x, "sign-in.failed");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0)).containsEntry("editor", x).containsEntry("target", x);
        assertThat(failed.get(0).get("client")).as("where the attempt came from").isEqualTo("127.0.0.1");

        Response desk = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("username", x)
                .formParam("password", PASSWORD).when().post("/editor/login");
        assertThat(desk.statusCode()).isEqualTo(302);
        assertThat(desk.header("Location")).endsWith("/editor");
        assertThat(items(x, "sign-in")).singleElement().satisfies(
                entry -> assertThat(entry.get("client")).as("the desk sign-in's address").isEqualTo("127.0.0.1"));
        assertThat(count(x, "sign-in.failed")).as("the good sign-in adds no failure").isEqualTo(1);
    }

    @Test
    void theLogIsForAdminsOnlyPagedAndNewestFirst() {
        String admin = account(Roles.ADMIN);
        String viewer = accountCreatedBy(admin, Roles.VIEWER);
        String editor = accountCreatedBy(admin, Roles.EDITOR);

        signedInAs(viewer).when().get("/api/audit").then().statusCode(403);
        signedInAs(editor).when().get("/api/audit").then().statusCode(403);
        given().when().get("/api/audit").then().statusCode(401);

        JsonPath page = asEditor().queryParam("editor", admin).queryParam("size", 2).queryParam("page", 0).when()
                .get("/api/audit").then().statusCode(200).extract().jsonPath();
        assertThat(page.getLong("total")).isGreaterThanOrEqualTo(2);
        assertThat(page.getInt("page")).isZero();
        assertThat(page.getInt("size")).isEqualTo(2);
        assertThat(page.getList("items.target", String.class)).as("newest first").containsExactly(editor, viewer);
        List<Instant> at = page.getList("items.at", String.class).stream().map(Instant::parse).toList();
        assertThat(at.get(0)).isAfterOrEqualTo(at.get(1));

        JsonPath unknownAction = asEditor().queryParam("action", "issue.delete-everything").when().get("/api/audit")
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertThat(unknownAction.getList("errors.field", String.class)).containsExactly("action");
        JsonPath badFrom = asEditor().queryParam("from", "last-tuesday").when().get("/api/audit").then().statusCode(400)
                .contentType("application/problem+json").extract().jsonPath();
        assertThat(badFrom.getList("errors.field", String.class)).containsExactly("from");
        JsonPath farTo = asEditor().queryParam("to", "+999999999-12-31").when().get("/api/audit").then().statusCode(400)
                .contentType("application/problem+json").extract().jsonPath();
        assertThat(farTo.getList("errors.field", String.class)).containsExactly("to");
    }

    /** Last: the second purge deletes every entry written so far. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theRetentionDeletesEntriesOlderThanTwoYears() {
        String admin = account(Roles.ADMIN);
        accountCreatedBy(admin, Roles.VIEWER);
        assertThat(count(admin, "account.create")).isEqualTo(1);

        assertThat(log.purge(Instant.now())).as("entries older than two years today").isZero();
        assertThat(count(admin, "account.create")).as("today's entry, kept").isEqualTo(1);

        assertThat(log.purge(Instant.now().plus(Duration.ofDays(800)))).as("entries older than two years then")
                .isPositive();
        assertThat(count(admin, "account.create")).as("today's entry, 800 days on").isZero();
    }

    /** A new account created by the first admin; its name is unique to this test. */
    private static String account(String role) {
        String name = "audit-" + role + "-" + System.nanoTime();
        asEditor().body(newAccount(name, role)).when().post("/api/editors").then().statusCode(201);
        return name;
    }

    /** A new account created by this admin, so that the entry is the admin's. */
    private static String accountCreatedBy(String admin, String role) {
        String name = "audit-" + role + "-" + System.nanoTime();
        signedInAs(admin).body(newAccount(name, role)).when().post("/api/editors").then().statusCode(201);
        return name;
    }

    private static Map<String, String> newAccount(String name, String role) {
        return Map.of("username", name, "password", PASSWORD, "role", role);
    }

    private static Map<String, String> article(String url, String title) {
        return Map.of("url", url, "title", title, "summary", "About " + title + ".", "section", "News", "publishedAt",
                "2001-03-04T08:00:00Z");
    }

    /** A request by this account over HTTP Basic, with a JSON body type as the API takes. */
    private static RequestSpecification signedInAs(String name) {
        return given().auth().preemptive().basic(name, PASSWORD).contentType(ContentType.JSON);
    }

    /** How many entries the log holds of this account and action, as an admin reads it. */
    private static long count(String editor, String action) {
        return page(editor, action).getLong("total");
    }

    private static List<Map<String, Object>> items(String editor, String action) {
        return page(editor, action).getList("items");
    }

    private static JsonPath page(String editor, String action) {
        return asEditor().queryParam("editor", editor).queryParam("action", action).queryParam("size", 500).when()
                .get("/api/audit").then().statusCode(200).extract().jsonPath();
    }
}
