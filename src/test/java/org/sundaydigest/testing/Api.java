package org.sundaydigest.testing;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.specification.RequestSpecification;

/** Shorthands shared by the HTTP tests. */
public final class Api {

    public static final String EDITOR = "editor";
    public static final String EDITOR_PASSWORD = "test-editor-password";
    public static final String PUBLIC_URL = "https://digest.example.test";

    private Api() {
    }

    /** A request signed in as the first editor (from %test.digest.admin.*). */
    public static RequestSpecification asEditor() {
        return given().auth().preemptive().basic(EDITOR, EDITOR_PASSWORD);
    }

    /**
     * Signs up a fresh address and waits for its confirmation: once it is in, any mail an earlier request would have
     * caused has had its chance to arrive too. Lets a test assert that nothing else was sent.
     */
    public static void flushMail(Mailbox mailbox) {
        String sentinel = uniqueEmail("sentinel");
        given().contentType("application/json").body("{\"email\":\"" + sentinel + "\"}").when()
                .post("/api/subscriptions").then().statusCode(202);
        if (mailbox.awaitTo(sentinel, 1).isEmpty()) {
            throw new AssertionError("the sentinel's confirmation never arrived");
        }
    }

    /** An address no other test uses, so tests can share one database. */
    public static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
