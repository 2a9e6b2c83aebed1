package org.sundaydigest.postgres;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.sundaydigest.testing.Api.asEditor;
import static org.sundaydigest.testing.Api.uniqueEmail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.PostgresProfile;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The same migrations and the reader's way in and out, on a real PostgreSQL server. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@WithTestResource(GreenMailResource.class)
class PostgresFlowTest {

    @InjectMailbox
    Mailbox mailbox;

    @Inject
    DataSource dataSource;

    @Inject
    org.sundaydigest.bounce.RecentReports reports;

    @Test
    void theDatabaseIsPostgresMigratedByFlyway() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
            try (ResultSet rs = connection.createStatement()
                    .executeQuery("select count(*) from flyway_schema_history where success")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
            }
        }
    }

    @Test
    void aReaderSignsUpConfirmsAndLeavesOnPostgres() {
        String email = uniqueEmail("pg");
        given().contentType(ContentType.JSON).body(Map.of("email", email, "sections", List.of("News"))).when()
                .post("/api/subscriptions").then().statusCode(202);

        List<MimeMessage> mails = mailbox.awaitTo(email, 1);
        assertThat(mails).hasSize(1);
        String link = Mailbox
                .links(Mailbox.part(mails.get(0), "text/plain"), Api.PUBLIC_URL + "/subscribe/confirm?token=").get(0);
        Api.confirm(link).then().statusCode(200);

        int id = asEditor().queryParam("status", "ACTIVE").when().get("/api/subscribers").then().statusCode(200)
                .extract().path("items.find { it.email == '" + email + "' }.id");
        asEditor().when().get("/api/subscribers/" + id).then().statusCode(200).body("subscriber.status",
                equalTo("ACTIVE"), "subscriber.sections[0]", equalTo("News"), "consent.type",
                equalTo(List.of("SIGNUP", "CONFIRM")));

        String token = unsubscribeToken(email);
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").when()
                .post("/unsubscribe?token=" + token).then().statusCode(200);
        asEditor().when().get("/api/subscribers/" + id).then().body("subscriber.status", equalTo("UNSUBSCRIBED"));

        asEditor().when().delete("/api/subscribers/" + id).then().statusCode(204);
        asEditor().when().get("/api/subscribers/" + id).then().statusCode(404);
    }

    @Test
    void articlesUpsertByUrlOnPostgres() {
        Map<String, Object> article = Map.of("url", "https://pg.example.org/story", "title", "One", "publishedAt",
                "2026-11-25T10:00:00Z", "section", "News");
        asEditor().contentType(ContentType.JSON).body(article).when().post("/api/articles").then().statusCode(201);
        asEditor().contentType(ContentType.JSON)
                .body(Map.of("url", "https://PG.example.org/story?utm_campaign=x", "title", "Two", "publishedAt",
                        "2026-11-25T10:00:00Z"))
                .when().post("/api/articles").then().statusCode(200).body("title", equalTo("Two"));
        asEditor().when().get("/api/articles?from=2026-11-22&to=2026-11-29").then().statusCode(200).body("size()",
                equalTo(1));
    }

    @Test
    void aListIsImportedAndAComplaintTakesAReaderOffItOnPostgres() throws Exception {
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        String first = "pg-import-1-" + tag + "@example.org";
        String csv = "email;name;sections\n" + first + ";One;News|Culture\n" + first.toUpperCase() + ";Again;\n"
                + "pg-import-2-" + tag + "@example.org;Two;Opinion\nnot-an-address;Three;\n";
        long id = asEditor().contentType("text/csv").body(csv).when().post("/api/subscribers/imports").then()
                .statusCode(202).extract().jsonPath().getLong("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !"RUNNING"
                .equals(asEditor().when().get("/api/subscribers/imports/" + id).then().extract().path("status")));
        asEditor().when().get("/api/subscribers/imports/" + id).then().statusCode(200).body("status", equalTo("DONE"),
                "created", equalTo(2), "unchanged", equalTo(1), "skipped", equalTo(1), "errors.line",
                equalTo(List.of(2, 5)), "errors.field", equalTo(List.of("sections", "email")));
        assertThat(asEditor().when().get("/api/subscribers.csv").then().statusCode(200).extract().asString())
                .contains(first + ",One,ACTIVE,News,");

        java.time.LocalDate date = org.sundaydigest.testing.Issues.freshSunday();
        org.sundaydigest.testing.Issues.publish(date, "Complaints on PostgreSQL", "News");
        asEditor().when().post("/api/digests/" + date + "/send").then().statusCode(202);
        assertThat(org.sundaydigest.testing.Issues.awaitStatus(date, org.sundaydigest.issue.IssueStatus.SENT, 60))
                .isEqualTo(org.sundaydigest.issue.IssueStatus.SENT);
        String body = "{\"events\": [{\"type\": \"complaint\", \"email\": \"" + first + "\"}]}";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                PostgresProfile.POSTGRES_WEBHOOK_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "HmacSHA256"));
        String signature = java.util.HexFormat.of()
                .formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).header("X-Digest-Signature", "sha256=" + signature).body(body).when()
                    .post("/api/webhooks/bounces").then().statusCode(202);
        }
        asEditor().when().get("/api/digests/" + date).then().body("delivery.complaints", equalTo(1));
        assertThat(reports.latest(5)).anySatisfy(row -> assertThat(row.email()).isEqualTo(first));
        asEditor().queryParam("status", "ACTIVE").when().get("/api/subscribers").then().statusCode(200)
                .body("items.email", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(first)));
        retire("pg-import-%-" + tag + "@example.org");
    }

    @Test
    void accountsAndTheirAuditTrailWorkOnPostgres() {
        String name = "pg-colleague-" + System.nanoTime();
        String password = "pg-colleague-pass-2026";
        asEditor().contentType(ContentType.JSON).body(Map.of("username", name, "password", password, "role", "viewer"))
                .when().post("/api/editors").then().statusCode(201);
        asEditor().contentType(ContentType.JSON)
                .body(Map.of("username", name.toUpperCase(), "password", password, "role", "viewer")).when()
                .post("/api/editors").then().statusCode(409);
        asEditor().contentType(ContentType.JSON).body(Map.of("role", "editor")).when().put("/api/editors/" + name)
                .then().statusCode(200).body("role", equalTo("editor"));
        given().auth().preemptive().basic(name, "not-the-password").when().get("/api/digests").then().statusCode(401);
        given().auth().preemptive().basic(name, password).when().get("/api/digests").then().statusCode(200);

        List<String> actions = asEditor().queryParam("size", 50).when().get("/api/audit").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.target == '" + name + "' }.action");
        assertThat(actions).as("newest first").containsSubsequence("sign-in.failed", "account.update",
                "account.create");
        asEditor().when().delete("/api/editors/" + name).then().statusCode(204);
    }

    /** Takes the imported readers off the list, so that later sends do not mail them. */
    private void retire(String like) throws java.sql.SQLException {
        try (Connection connection = dataSource.getConnection(); var statement = connection
                .prepareStatement("update subscriber set status = 'UNSUBSCRIBED' where email_key like ?")) {
            statement.setString(1, like);
            statement.executeUpdate();
        }
    }

    private String unsubscribeToken(String email) {
        try (Connection connection = dataSource.getConnection(); var statement = connection
                .prepareStatement("select unsubscribe_token from subscriber where email = ?")) {
            statement.setString(1, email);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
