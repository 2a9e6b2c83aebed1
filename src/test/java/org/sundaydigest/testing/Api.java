package org.sundaydigest.testing;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Shorthands shared by the HTTP tests. */
public final class Api {

    public static final String EDITOR = "editor";
    public static final String EDITOR_PASSWORD = "test-editor-password";
    public static final String PUBLIC_URL = "https://digest.example.test";

    private Api() {
    }

    /**
     * A request signed in as the first editor (from %test.digest.admin.*), as a program sends it: JSON, which the API
     * takes, where a plain client would send a form type the API refuses as a possible cross-site request.
     */
    public static RequestSpecification asEditor() {
        return given().auth().preemptive().basic(EDITOR, EDITOR_PASSWORD).contentType(ContentType.JSON);
    }

    /**
     * Signs up a fresh address and waits for its confirmation: once it is in, any mail an earlier request would have
     * caused has had its chance to arrive too. Lets a test assert that nothing else was sent.
     */
    public static void flushMail(Mailbox mailbox) {
        String sentinel = uniqueEmail("sentinel");
        // From an address of its own, so that a test of the per-address sign-up limit does not count it.
        given().header("X-Forwarded-For", "10.255." + (sentinel.hashCode() & 0xff) + "." + (sentinel.length() & 0xff))
                .contentType("application/json").body("{\"email\":\"" + sentinel + "\"}").when()
                .post("/api/subscriptions").then().statusCode(202);
        if (mailbox.awaitTo(sentinel, 1).isEmpty()) {
            throw new AssertionError("the sentinel's confirmation never arrived");
        }
    }

    /** An address no other test uses, so tests can share one database. */
    public static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /**
     * Follows a confirmation link as a reader does: opening it shows the Confirm button and changes nothing; pressing
     * the button posts the token. Returns the answer to the button.
     */
    public static Response confirm(String link) {
        String path = link.startsWith(PUBLIC_URL) ? link.substring(PUBLIC_URL.length()) : link;
        String token = path.substring(path.indexOf("token=") + "token=".length());
        given().when().get(path).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("<button type=\"submit\" id=\"confirm\">Confirm</button>"));
        return given().contentType(ContentType.URLENC).formParam("token", token).when().post("/subscribe/confirm");
    }
}
