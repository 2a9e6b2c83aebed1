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
