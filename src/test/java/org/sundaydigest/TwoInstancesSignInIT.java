package org.sundaydigest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two packaged jars on one database, as an operator runs several instances: with no session key configured they make
 * one, keep it in the database and never log it; a sign-in on one is good on the other, and a sign-out on one ends the
 * session on the other at once, as does a password changed on the other, however the cookies were copied; failed
 * sign-ins count across both.
 */
class TwoInstancesSignInIT extends PackagedJarTest {

    private Process second;

    @AfterEach
    void stopSecond() throws InterruptedException {
        PackagedApp.stop(second);
    }

    @Test
    void aSessionKeyFromTheDatabaseIsSharedAndASignOutOnOneInstanceEndsTheSessionOnTheOther() throws Exception {
        String url = "jdbc:h2:file:" + workDir.resolve("data/shared").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
        int portA = PackagedApp.freePort();
        int portB = PackagedApp.freePort();
        String a = "http://localhost:" + portA;
        String b = "http://localhost:" + portB;
        process = app.start(environment(portA, url));
        app.awaitReady(process, a);
        second = app.start(environment(portB, url));
        app.awaitReady(second, b);

        Map<String, String> copied = signIn(a);
        assertThat(page(b, copied).statusCode()).as("signed in on A, let in on B").isEqualTo(200);

        // A colleague signed in on B changes their password through A: B refuses their session at once.
        String colleague = "colleague-" + System.nanoTime();
        given().baseUri(a).auth().preemptive().basic(PackagedApp.ADMIN, PackagedApp.ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body(Map.of("username", colleague, "password", "first-pass-of-2026", "role", "editor")).when()
                .post("/api/editors").then().statusCode(201);
        Map<String, String> onB = signIn(b, colleague, "first-pass-of-2026");
        assertThat(page(b, onB).statusCode()).isEqualTo(200);
        given().baseUri(a).auth().preemptive().basic(colleague, "first-pass-of-2026").contentType(ContentType.JSON)
                .body(Map.of("current", "first-pass-of-2026", "password", "second-pass-of-2026")).when()
                .put("/api/editors/me/password").then().statusCode(204);
        assertThat(page(b, onB).statusCode()).as("the session on B after the password changed on A").isEqualTo(302);
        given().baseUri(b).auth().preemptive().basic(colleague, "first-pass-of-2026").when().get("/api/digests").then()
                .statusCode(401);

        Response desk = page(a, copied);
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(desk.asString());
        assertThat(csrf.find()).isTrue();
        Map<String, String> withCsrf = new HashMap<>(copied);
        withCsrf.putAll(desk.cookies());
        given().baseUri(a).redirects().follow(false).cookies(withCsrf).contentType(ContentType.URLENC)
                .formParam("csrf", csrf.group(1)).when().post("/editor/logout").then().statusCode(303);

        Response afterSignOut = page(b, copied);
        assertThat(afterSignOut.statusCode()).as("the copied cookies on B after signing out on A").isEqualTo(302);
        assertThat(afterSignOut.header("Location")).endsWith("/editor/login");
        assertThat(page(a, copied).statusCode()).isEqualTo(302);

        for (int i = 0; i < 10; i++) {
            given().baseUri(i % 2 == 0 ? a : b).auth().preemptive().basic(PackagedApp.ADMIN, "wrong-" + i).when()
                    .get("/api/digests").then().statusCode(401);
        }
        given().baseUri(b).auth().preemptive().basic(PackagedApp.ADMIN, PackagedApp.ADMIN_PASSWORD).when()
                .get("/api/digests").then().statusCode(429);

        String log = Files.readString(app.log());
        assertThat(log).doesNotContainIgnoringCase("temporary key").doesNotContain(storedKey(url));
    }

    private Map<String, String> environment(int port, String url) {
        Map<String, String> env = PackagedApp.environment(port, smtp.getSmtp().getPort());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", url);
        env.remove("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY");
        return env;
    }

    private static Map<String, String> signIn(String base) {
        return signIn(base, PackagedApp.ADMIN, PackagedApp.ADMIN_PASSWORD);
    }

    private static Map<String, String> signIn(String base, String user, String password) {
        Response login = given().baseUri(base).redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("username", user).formParam("password", password).when().post("/editor/login");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.cookies()).containsKeys("quarkus-credential", "desk-session");
        return login.cookies();
    }

    private static Response page(String base, Map<String, String> cookies) {
        return given().baseUri(base).redirects().follow(false).cookies(cookies).when().get("/editor");
    }

    private static String storedKey(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", ""); ResultSet row = connection
                .createStatement().executeQuery("select secret from service_secret where name = 'session-key'")) {
            assertThat(row.next()).as("a key stored in the database").isTrue();
            return row.getString(1);
        }
    }
}
