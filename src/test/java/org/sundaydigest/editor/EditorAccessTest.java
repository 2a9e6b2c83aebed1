package org.sundaydigest.editor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Who may use the editors' API: the first editor from the configuration, nobody anonymous, no other role. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class EditorAccessTest {

    @ParameterizedTest
    @ValueSource(strings = { "/api/articles", "/api/articles/1", "/api/subscribers", "/api/subscribers/1" })
    void anonymousRequestsGet401(String path) {
        given().when().get(path).then().statusCode(401);
    }

    @Test
    void aWrongPasswordGets401() {
        given().auth().preemptive().basic(Api.EDITOR, "wrong").when().get("/api/subscribers").then().statusCode(401);
    }

    @Test
    void aViewerReadsButGets403ForAChange() {
        String name = "viewer-" + System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> Editor.create(name, "viewer-password", "viewer", Instant.now()));

        given().auth().preemptive().basic(name, "viewer-password").when().get("/api/subscribers").then()
                .statusCode(200);
        given().auth().preemptive().basic(name, "viewer-password").when().delete("/api/articles/1").then()
                .statusCode(403);
    }

    @Test
    void theFirstEditorCameFromTheConfigurationWithAHashedPassword() {
        Editor editor = QuarkusTransaction.requiringNew()
                .call(() -> Editor.<Editor> find("username", Api.EDITOR).firstResult());

        assertThat(editor.password).startsWith("$2").doesNotContain(Api.EDITOR_PASSWORD);
        assertThat(editor.role).as("the first account is an admin").isEqualTo("admin");
        Api.asEditor().when().get("/api/subscribers").then().statusCode(200);
    }
}
