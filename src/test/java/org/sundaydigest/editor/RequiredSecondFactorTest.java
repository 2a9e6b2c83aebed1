package org.sundaydigest.editor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.sundaydigest.editor.EditorPagesSecurityTest.page;
import static org.sundaydigest.editor.EditorPagesSecurityTest.signIn;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.sundaydigest.common.Roles;
import org.sundaydigest.testing.AdjustableClock;
import org.sundaydigest.testing.Authenticator;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * {@code DIGEST_REQUIRE_SECOND_FACTOR=true}: an admin or editor without a second factor may do nothing but turn it on
 * (the desk sends them to "My account", the API says why), also after turning it off for a new phone; a viewer is not
 * asked.
 */
@QuarkusTest
@TestProfile(RequiredSecondFactorTest.Required.class)
class RequiredSecondFactorTest {

    public static class Required implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("digest.require-second-factor", "true");
        }
    }

    @Inject
    AdjustableClock clock;

    @Test
    void anAdminWithoutASecondFactorMayOnlyTurnItOn() {
        String admin = account("required-admin-", Roles.ADMIN);

        given().auth().preemptive().basic(admin, SecondFactorTest.PASSWORD).when().get("/api/digests").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("must turn on a second factor"));
        Map<String, String> cookies = signIn(admin, SecondFactorTest.PASSWORD);
        given().redirects().follow(false).cookies(cookies).when().get("/editor").then().statusCode(303)
                .header("Location", containsString("/editor/account?required=true"));
        given().redirects().follow(false).cookies(cookies).when().get("/editor/team").then().statusCode(303);
        given().redirects().follow(false).cookies(cookies).when().get("/editor/account").then().statusCode(200)
                .body(containsString("id=\"second-factor-required\""));

        EditorPagesSecurityTest.Page before = page(cookies, "/editor/account");
        given().redirects().follow(false).cookies(before.cookies()).contentType(ContentType.URLENC)
                .formParam("csrf", before.csrf()).formParam("label", "Around it")
                .formParam("password", SecondFactorTest.PASSWORD).when().post("/editor/account/tokens").then()
                .statusCode(409).body(containsString("Turn on a second factor first"));

        SecondFactorTest.Enrolled enrolled = SecondFactorTest.enrol(admin, clock);
        Map<String, String> signedIn = SecondFactorTest
                .login(admin, SecondFactorTest.PASSWORD, Authenticator.code(enrolled.key(), clock.instant(), 1))
                .cookies();
        given().redirects().follow(false).cookies(signedIn).when().get("/editor/team").then().statusCode(200);

        EditorPagesSecurityTest.Page page = page(signedIn, "/editor/account");
        given().redirects().follow(false).cookies(page.cookies()).contentType(ContentType.URLENC)
                .formParam("csrf", page.csrf()).formParam("password", SecondFactorTest.PASSWORD).when()
                .post("/editor/account/second-factor/off").then().statusCode(303);
        // Off, as for a new phone: the account is back to turning it on before anything else.
        given().redirects().follow(false).cookies(signIn(admin, SecondFactorTest.PASSWORD)).when().get("/editor").then()
                .statusCode(303).header("Location", containsString("/editor/account?required=true"));
    }

    @Test
    void aViewerIsNotAskedForASecondFactor() {
        String viewer = account("required-viewer-", Roles.VIEWER);
        given().auth().preemptive().basic(viewer, SecondFactorTest.PASSWORD).when().get("/api/digests").then()
                .statusCode(200);
        given().redirects().follow(false).cookies(signIn(viewer, SecondFactorTest.PASSWORD)).when().get("/editor")
                .then().statusCode(200);
    }

    /** Made directly: in this profile the configured admin, who has no second factor, may not add accounts. */
    private static String account(String prefix, String role) {
        String name = prefix + System.nanoTime();
        QuarkusTransaction.requiringNew()
                .run(() -> Editor.create(name, SecondFactorTest.PASSWORD, role, Instant.now()));
        return name;
    }
}
