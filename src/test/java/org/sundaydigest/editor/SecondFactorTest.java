package org.sundaydigest.editor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.sundaydigest.editor.EditorPagesSecurityTest.page;
import static org.sundaydigest.editor.EditorPagesSecurityTest.signIn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.AdjustableClock;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.Authenticator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The second factor over HTTP, as an account turns it on from "My account" and then signs in: the code is asked for,
 * good once, a recovery code works once, wrong codes count towards the sign-in throttle, and the API takes a token in
 * place of the password.
 */
@QuarkusTest
class SecondFactorTest {

    static final String PASSWORD = "second-factor-pass-2026";

    @Inject
    AdjustableClock clock;

    /** An account with its second factor on: its key and recovery codes. */
    record Enrolled(String name, byte[] key, List<String> recoveryCodes, Map<String, String> oldCookies) {
    }

    @Test
    void theSignInAsksForTheCodeAndTakesEachCodeOnce() {
        Enrolled account = enrol("totp-" + System.nanoTime());

        assertThat(login(account.name(), PASSWORD, null).header("Location")).as("no code")
                .endsWith("/editor/login?error=true");
        assertThat(login(account.name(), PASSWORD, "000000").header("Location")).as("a wrong code")
                .endsWith("/editor/login?error=true");
        String code = Authenticator.code(account.key(), clock.instant(), 1);
        Response signedIn = login(account.name(), PASSWORD, code);
        assertThat(signedIn.header("Location")).endsWith("/editor");
        given().redirects().follow(false).cookies(signedIn.cookies()).when().get("/editor/account").then()
                .statusCode(200);
        assertThat(login(account.name(), PASSWORD, code).header("Location")).as("the same code again")
                .endsWith("/editor/login?error=true");
        assertThat(given().redirects().follow(false).cookies(account.oldCookies()).when().get("/editor").statusCode())
                .as("the session from before the second factor was turned on").isEqualTo(302);
    }

    @Test
    void aRecoveryCodeLetsInOnceOnly() {
        Enrolled account = enrol("recovery-" + System.nanoTime());
        String recovery = account.recoveryCodes().get(3).toUpperCase().replace("-", " ");

        assertThat(login(account.name(), PASSWORD, recovery).header("Location")).endsWith("/editor");
        assertThat(login(account.name(), PASSWORD, recovery).header("Location")).as("spent")
                .endsWith("/editor/login?error=true");
        assertThat(login(account.name(), "wrong-password-here", account.recoveryCodes().get(4)).header("Location"))
                .as("a recovery code is no password").endsWith("/editor/login?error=true");
    }

    @Test
    void wrongCodesCountTowardsTheSignInThrottle() {
        Enrolled account = enrol("throttle-code-" + System.nanoTime());
        for (int i = 0; i < 10; i++) {
            assertThat(login(account.name(), PASSWORD, "12345" + (i % 10)).header("Location"))
                    .endsWith("/editor/login?error=true");
        }
        Response refused = login(account.name(), PASSWORD, Authenticator.code(account.key(), clock.instant(), 1));
        assertThat(refused.statusCode()).as("right password and code after ten wrong codes").isEqualTo(429);
    }

    @Test
    void withASecondFactorTheApiTakesATokenAndNeverThePassword() {
        Enrolled account = enrol("token-" + System.nanoTime());
        given().auth().preemptive().basic(account.name(), PASSWORD).when().get("/api/digests").then().statusCode(401);

        Map<String, String> cookies = login(account.name(), PASSWORD,
                Authenticator.code(account.key(), clock.instant(), 1)).cookies();
        EditorPagesSecurityTest.Page page = page(cookies, "/editor/account");
        given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                .formParam("csrf", page.csrf()).formParam("label", "Borrowed session").when()
                .post("/editor/account/tokens").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("is not the account&#39;s password"));
        String made = given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                .formParam("csrf", page.csrf()).formParam("label", "Nightly export").formParam("password", PASSWORD)
                .when().post("/editor/account/tokens").then().statusCode(200).extract().asString();
        String token = find(made, "<code id=\"new-token\">([^<]+)</code>");
        assertThat(token).startsWith("sdt_");

        for (int i = 0; i < 12; i++) {
            // A script calling often: more calls than the sign-in limit allows failures.
            given().auth().preemptive().basic(account.name(), token).when().get("/api/digests").then().statusCode(200);
        }
        String other = "other-" + System.nanoTime();
        create(other);
        // Another account's name with this token.
        given().auth().preemptive().basic(other, token).when().get("/api/digests").then().statusCode(401);

        String id = find(made, "action=\"/editor/account/tokens/(\\d+)/revoke\"");
        given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                .formParam("csrf", page.csrf()).when().post("/editor/account/tokens/" + id + "/revoke").then()
                .statusCode(200);
        given().auth().preemptive().basic(account.name(), token).when().get("/api/digests").then().statusCode(401);
    }

    @Test
    void tokensMadeBeforeTheSecondFactorStopWorkingWhenItIsTurnedOn() {
        String name = "early-token-" + System.nanoTime();
        create(name);
        EditorPagesSecurityTest.Page page = page(signIn(name, PASSWORD), "/editor/account");
        String made = given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                .formParam("csrf", page.csrf()).formParam("label", "Before").formParam("password", PASSWORD).when()
                .post("/editor/account/tokens").then().statusCode(200).extract().asString();
        String token = find(made, "<code id=\"new-token\">([^<]+)</code>");
        given().auth().preemptive().basic(name, token).when().get("/api/digests").then().statusCode(200);

        enrol(name, clock);
        given().auth().preemptive().basic(name, token).when().get("/api/digests").then().statusCode(401);
    }

    @Test
    void aWrongPasswordTypedAgainOnMyAccountCountsTowardsTheSignInThrottle() {
        String name = "recheck-" + System.nanoTime();
        create(name);
        EditorPagesSecurityTest.Page page = page(signIn(name, PASSWORD), "/editor/account");
        for (int i = 0; i < 10; i++) {
            given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                    .formParam("csrf", page.csrf()).formParam("current", "not-it-" + i)
                    .formParam("password", "a-brand-new-pass-2026").when().post("/editor/account/password").then()
                    .statusCode(400);
        }
        given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                .formParam("csrf", page.csrf()).formParam("current", PASSWORD)
                .formParam("password", "a-brand-new-pass-2026").when().post("/editor/account/password").then()
                .statusCode(429);
        assertThat(login(name, PASSWORD, null).statusCode()).as("nor may it sign in from here").isEqualTo(429);
    }

    @Test
    void aRecoveryCodeStillLetsInWhenTheSecretCannotBeRead() {
        Enrolled account = enrol("unreadable-" + System.nanoTime());
        // As after a change of the session key: the sealed secret no longer opens.
        QuarkusTransaction.requiringNew().run(() -> Editor.update("totpSecret = ?1 where username = ?2",
                "v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", account.name()));

        assertThat(login(account.name(), PASSWORD, Authenticator.code(account.key(), clock.instant(), 1))
                .header("Location")).as("the app's code").endsWith("/editor/login?error=true");
        assertThat(login(account.name(), PASSWORD, account.recoveryCodes().get(0)).header("Location"))
                .as("a recovery code").endsWith("/editor");
    }

    @Test
    void aCodeThatIsNotTheAppsDoesNotTurnItOn() {
        String name = "no-totp-" + System.nanoTime();
        create(name);
        EditorPagesSecurityTest.Page page = page(signIn(name, PASSWORD), "/editor/account");
        begin(page);
        given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                .formParam("csrf", page.csrf()).formParam("code", "123456").when()
                .post("/editor/account/second-factor/confirm").then().statusCode(400);
        assertThat(login(name, PASSWORD, null).header("Location")).as("still a password alone").endsWith("/editor");
    }

    Enrolled enrol(String name) {
        create(name);
        return enrol(name, clock);
    }

    /**
     * An existing account (password {@link #PASSWORD}) turns its second factor on from "My account", as a person would.
     */
    static Enrolled enrol(String name, java.time.Clock clock) {
        Map<String, String> cookies = signIn(name, PASSWORD);
        EditorPagesSecurityTest.Page page = page(cookies, "/editor/account");
        byte[] key = Authenticator.key(begin(page));
        String shown = given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                .formParam("csrf", page.csrf()).formParam("code", Authenticator.code(key, clock.instant(), 0)).when()
                .post("/editor/account/second-factor/confirm").then().statusCode(200).extract().asString();
        List<String> codes = new ArrayList<>();
        Matcher matcher = Pattern.compile("<li><code>([a-z0-9-]{14})</code></li>").matcher(shown);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        return new Enrolled(name, key, codes, page.cookies());
    }

    static void create(String name) {
        create(name, "editor");
    }

    static void create(String name, String role) {
        Api.asEditor().contentType(ContentType.JSON).body(Map.of("username", name, "password", PASSWORD, "role", role))
                .when().post("/api/editors").then().statusCode(201);
    }

    private static String begin(EditorPagesSecurityTest.Page page) {
        String shown = given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                .formParam("csrf", page.csrf()).when().post("/editor/account/second-factor").then().statusCode(200)
                .extract().asString();
        assertThat(shown).contains("<svg").contains("Key:").doesNotContain("<script");
        return find(shown, "<code id=\"totp-secret\">([A-Z2-7 ]+)</code>");
    }

    static Response login(String name, String password, String code) {
        return loginFrom(null, name, password, code);
    }

    static Response loginFrom(String client, String name, String password, String code) {
        var request = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("username", name)
                .formParam("password", password);
        if (code != null) {
            request.formParam("code", code);
        }
        if (client != null) {
            request.header("X-Forwarded-For", client);
        }
        return request.when().post("/editor/login");
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in the page", regex).isTrue();
        return matcher.group(1);
    }
}
