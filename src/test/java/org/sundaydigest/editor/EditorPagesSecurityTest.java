package org.sundaydigest.editor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.Issues;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Who may use the editors' pages: signed-in editors only, and only with forms that carry their CSRF token. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class EditorPagesSecurityTest {

    private static final String DATE = "2049-12-26";

    @ParameterizedTest
    @ValueSource(strings = { "/editor", "/editor/issues", "/editor/issues/" + DATE,
            "/editor/issues/" + DATE + "/preview", "/editor/issues/" + DATE + "/send",
            "/editor/issues/" + DATE + "/progress", "/editor/issues/" + DATE + "/progress.json",
            "/editor/issues/" + DATE + "/deliveries.csv", "/editor/readers", "/editor/articles",
            "/editor/welcome/preview" })
    void anonymousVisitorsOfEveryPageAreSentToTheLoginPage(String path) {
        given().redirects().follow(false).when().get(path).then().statusCode(302).header("Location",
                endsWith("/editor/login"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/editor/issues/" + DATE + "/curation", "/editor/issues/" + DATE + "/test",
            "/editor/issues/" + DATE + "/send", "/editor/issues/" + DATE + "/retry-failed", "/editor/logout" })
    void anonymousFormPostsAreSentToTheLoginPageAndChangeNothing(String path) {
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("to", "x@example.org").when()
                .post(path).then().statusCode(302).header("Location", endsWith("/editor/login"));
    }

    @Test
    void theLoginPageIsOpenAndAWrongPasswordComesBackToIt() {
        given().when().get("/editor/login").then().statusCode(200).body(containsString("<label for=\"username\">"),
                containsString("<label for=\"password\">"));
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("username", Api.EDITOR)
                .formParam("password", "wrong").when().post("/editor/login").then().statusCode(302)
                .header("Location", endsWith("/editor/login?error=true"));
        given().when().get("/editor/login?error=true").then().statusCode(401)
                .body(containsString("The name, the password or the code is wrong"));
    }

    @Test
    void theApiKeepsHttpBasicAnd401() {
        given().redirects().follow(false).when().get("/api/digests").then().statusCode(401).header("WWW-Authenticate",
                containsString("Basic"));
        Api.asEditor().when().get("/api/digests").then().statusCode(200);
    }

    @Test
    void theApiDoesNotAcceptTheLoginCookie() {
        Map<String, String> cookies = signIn(Api.EDITOR, Api.EDITOR_PASSWORD);
        given().redirects().follow(false).cookies(cookies).when().get("/api/digests").then().statusCode(401);
    }

    @Test
    void anAccountWithAnUnknownRoleIsRefusedEveryPage() {
        String name = "no-role-" + System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> Editor.create(name, "no-role-password", "intern", Instant.now()));
        Map<String, String> cookies = signIn(name, "no-role-password");
        given().redirects().follow(false).cookies(cookies).when().get("/editor").then().statusCode(403);
    }

    @Test
    void formPostsWithoutTheCsrfTokenOrWithAnotherOneAreRefused() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Csrf check", "News");
        Map<String, String> cookies = signIn(Api.EDITOR, Api.EDITOR_PASSWORD);
        Page page = page(cookies, "/editor/issues/" + date);

        for (String form : new String[] { "curation", "test", "send", "retry-failed" }) {
            given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                    .formParam("subject", "Forged").formParam("to", "x@example.org").when()
                    .post("/editor/issues/" + date + "/" + form).then().statusCode(403);
            given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                    .formParam("csrf", page.csrf() + "x").formParam("subject", "Forged").when()
                    .post("/editor/issues/" + date + "/" + form).then().statusCode(403);
        }
        // A token is only good with the csrf cookie of the browser it was made for.
        given().redirects().follow(false).cookies(cookies).contentType(ContentType.URLENC)
                .formParam("csrf", page.csrf()).when().post("/editor/issues/" + date + "/curation").then()
                .statusCode(403);
        given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC).when()
                .post("/editor/logout").then().statusCode(403);
        Api.asEditor().when().get("/api/digests/" + date).then().statusCode(200).body("status",
                org.hamcrest.Matchers.equalTo("DRAFT"));
        assertThat(Api.asEditor().when().get("/api/digests/" + date).then().extract().<String> path("curation.subject"))
                .isNull();

        given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                .formParam("csrf", page.csrf()).formParam("subject", "Signed and sealed").when()
                .post("/editor/issues/" + date + "/curation").then().statusCode(303)
                .header("Location", endsWith("/editor/issues/" + date + "?saved=true"));
        assertThat(Api.asEditor().when().get("/api/digests/" + date).then().extract().<String> path("curation.subject"))
                .isEqualTo("Signed and sealed");
    }

    @Test
    void signingOutClearsTheLoginCookie() {
        Map<String, String> cookies = signIn(Api.EDITOR, Api.EDITOR_PASSWORD);
        Page page = page(cookies, "/editor");
        Response out = given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                .formParam("csrf", page.csrf()).when().post("/editor/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).endsWith("/editor/login?signedOut=true");
        assertThat(out.headers().getValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("quarkus-credential=;").contains("Max-Age=0"));
    }

    @Test
    void unsubscribingStillNeedsNoCookieNorToken() {
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                .when().post("/unsubscribe?token=no-such-token").then().statusCode(404);
    }

    record Page(Map<String, String> cookies, String csrf) {
    }

    @Test
    void anEditorSeesTheWelcomeEmailAsANewReaderGetsItWithNoScriptAllowed() {
        Map<String, String> cookies = signIn(Api.EDITOR, Api.EDITOR_PASSWORD);
        given().redirects().follow(false).cookies(cookies).when().get("/editor/readers").then().statusCode(200)
                .body(containsString("href=\"/editor/welcome/preview\""));
        given().redirects().follow(false).cookies(cookies).when().get("/editor/welcome/preview").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'none'"))
                .body(containsString("Welcome to the Sunday Digest"), containsString("Hello Ana,"),
                        containsString("/preferences?token=sample-token"));
    }

    static Map<String, String> signIn(String user, String password) {
        Response login = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("username", user)
                .formParam("password", password).when().post("/editor/login");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.cookies()).containsKey("quarkus-credential");
        return login.cookies();
    }

    static Page page(Map<String, String> cookies, String path) {
        Response page = given().redirects().follow(false).cookies(cookies).when().get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.asString());
        assertThat(token.find()).isTrue();
        Map<String, String> all = new java.util.HashMap<>(cookies);
        all.putAll(page.cookies());
        assertThat(all).containsKey(EditorCsrf.COOKIE);
        return new Page(all, token.group(1));
    }
}
