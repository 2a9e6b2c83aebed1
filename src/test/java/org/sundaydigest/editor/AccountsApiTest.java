package org.sundaydigest.editor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.sundaydigest.editor.EditorPagesSecurityTest.signIn;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The team's accounts through {@code /api/editors}: who may manage them, the password rules, the last admin. */
@QuarkusTest
class AccountsApiTest {

    static final String PASSWORD = "accounts-api-pass-2026";

    @Test
    void anAdminAddsAnAccountThatCanThenSignInWithItsRole() {
        String name = "added-" + System.nanoTime();
        Api.asEditor().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", PASSWORD, "role", "viewer")).when().post("/api/editors")
                .then().statusCode(201).header("Location", containsString("/api/editors/" + name))
                .body("role", org.hamcrest.Matchers.is("viewer")).body("disabled", org.hamcrest.Matchers.is(false));
        Api.asEditor().when().get("/api/editors").then().statusCode(200).body("username", hasItem(name));
        as(name, PASSWORD).when().get("/api/digests").then().statusCode(200);
        as(name, PASSWORD).when().delete("/api/articles/999999999").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString(name));
    }

    @Test
    void aTakenNameIsAConflictWhateverItsCase() {
        String name = "Taken-" + System.nanoTime();
        create(name, "editor").then().statusCode(201);
        create(name.toLowerCase(), "editor").then().statusCode(409).contentType("application/problem+json");
        create(name, "editor").then().statusCode(409);
    }

    @Test
    void shortCommonAndOddPasswordsAndUnknownRolesAreRefusedNamingTheField() {
        String name = "weak-" + System.nanoTime();
        post(name, "short-pass1", "editor").then().statusCode(400).body("errors.field", hasItem("password"));
        post(name, "passwordpassword", "editor").then().statusCode(400).body("errors.field", hasItem("password"))
                .body("detail", containsString("common"));
        post(name, "x" + name + "-and-more", "editor").then().statusCode(400).body("errors.field", hasItem("password"));
        post(name, PASSWORD, "owner").then().statusCode(400).body("errors.field", hasItem("role"));
        post("me", PASSWORD, "editor").then().statusCode(400).body("errors.field", hasItem("username"));
        post("..", PASSWORD, "editor").then().statusCode(400).body("errors.field", hasItem("username"));
        Api.asEditor().when().get("/api/editors").then().body("username", org.hamcrest.Matchers.not(hasItem(name)));
    }

    @Test
    void theLastActiveAdminCanBeNeitherDemotedNorDisabledNorDeleted() {
        List<String> admins = Api.asEditor().when().get("/api/editors").then().extract().jsonPath()
                .getList("findAll { it.role == 'admin' && !it.disabled }.username");
        // Leave the configured admin as the only active one, so that the rule is what is tested.
        for (String other : admins) {
            if (!other.equals(Api.EDITOR)) {
                change(other, Map.of("role", "editor")).then().statusCode(200);
            }
        }
        change(Api.EDITOR, Map.of("role", "editor")).then().statusCode(409).body("detail",
                containsString("last active admin"));
        change(Api.EDITOR, Map.of("disabled", true)).then().statusCode(409);
        Api.asEditor().when().delete("/api/editors/" + Api.EDITOR).then().statusCode(409);

        String second = "second-admin-" + System.nanoTime();
        create(second, "admin").then().statusCode(201);
        change(second, Map.of("disabled", true)).then().statusCode(200);
        // The other admin is disabled, so the configured one is still the last active admin.
        change(Api.EDITOR, Map.of("role", "viewer")).then().statusCode(409);
        change(second, Map.of("disabled", false)).then().statusCode(200);
        as(second, PASSWORD).contentType(ContentType.JSON).body(Map.of("role", "editor")).when()
                .put("/api/editors/" + second).then().statusCode(200);
        change(second, Map.of("role", "wizard")).then().statusCode(400).body("errors.field", hasItem("role"));
    }

    @Test
    void aDisabledOrDeletedAccountIsRefusedAtOnceWithItsSessions() {
        String name = "leaving-" + System.nanoTime();
        create(name, "editor").then().statusCode(201);
        Map<String, String> cookies = signIn(name, PASSWORD);
        desk(cookies).then().statusCode(200);

        change(name, Map.of("disabled", true)).then().statusCode(200).body("disabled", org.hamcrest.Matchers.is(true));
        as(name, PASSWORD).when().get("/api/digests").then().statusCode(401);
        desk(cookies).then().statusCode(302);
        assertThat(SecondFactorTest.login(name, PASSWORD, null).header("Location")).endsWith("?error=true");

        change(name, Map.of("disabled", false)).then().statusCode(200);
        Map<String, String> again = signIn(name, PASSWORD);
        Api.asEditor().when().delete("/api/editors/" + name).then().statusCode(204);
        desk(again).then().statusCode(302);
        as(name, PASSWORD).when().get("/api/digests").then().statusCode(401);
        Api.asEditor().when().delete("/api/editors/" + name).then().statusCode(404);
    }

    @Test
    void anAccountChangesItsOwnPasswordAndEverySessionEnds() {
        String name = "changing-" + System.nanoTime();
        create(name, "viewer").then().statusCode(201);
        Map<String, String> cookies = signIn(name, PASSWORD);
        String newPassword = "a-new-pass-for-" + name.length() + "-accounts";

        password(name, PASSWORD, "wrong-current-password", newPassword).then().statusCode(400).body("errors.field",
                hasItem("current"));
        password(name, PASSWORD, PASSWORD, "tooshort").then().statusCode(400).body("errors.field", hasItem("password"));
        desk(cookies).then().statusCode(200); // refusals end no session

        password(name, PASSWORD, PASSWORD, newPassword).then().statusCode(204);
        desk(cookies).then().statusCode(302);
        as(name, PASSWORD).when().get("/api/digests").then().statusCode(401);
        as(name, newPassword).when().get("/api/digests").then().statusCode(200);
    }

    @Test
    void onlyAnAdminManagesAccounts() {
        String editor = "plain-editor-" + System.nanoTime();
        create(editor, "editor").then().statusCode(201);
        as(editor, PASSWORD).when().get("/api/editors").then().statusCode(403);
        as(editor, PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("username", "x-" + editor, "password", PASSWORD, "role", "admin")).when()
                .post("/api/editors").then().statusCode(403);
        as(editor, PASSWORD).contentType(ContentType.JSON).body(Map.of("role", "admin")).when()
                .put("/api/editors/" + editor).then().statusCode(403);
        given().when().get("/api/editors").then().statusCode(401);
    }

    static io.restassured.response.Response create(String name, String role) {
        return post(name, PASSWORD, role);
    }

    private static io.restassured.response.Response post(String name, String password, String role) {
        return Api.asEditor().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", password, "role", role)).when().post("/api/editors");
    }

    private static io.restassured.response.Response change(String name, Map<String, Object> body) {
        return Api.asEditor().contentType(ContentType.JSON).body(body).when().put("/api/editors/" + name);
    }

    private static io.restassured.response.Response password(String name, String signedIn, String current,
            String password) {
        return as(name, signedIn).contentType(ContentType.JSON).body(Map.of("current", current, "password", password))
                .when().put("/api/editors/me/password");
    }

    private static io.restassured.response.Response desk(Map<String, String> cookies) {
        return given().redirects().follow(false).cookies(cookies).when().get("/editor/account");
    }

    private static RequestSpecification as(String name, String password) {
        return given().auth().preemptive().basic(name, password);
    }
}
