package org.sundaydigest.issue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.sundaydigest.testing.Api.asEditor;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.common.Roles;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Issues;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * A second pair of eyes on a send ({@code DIGEST_SEND_APPROVAL}): an editor's send waits for another account's
 * approval, the schedule sends nothing unapproved, and a change to the curation withdraws the approval. Each test has
 * two fresh editor accounts of its own.
 */
@QuarkusTest
@TestProfile(SendApprovalTest.Approval.class)
@WithTestResource(GreenMailResource.class)
class SendApprovalTest {

    /** Sends wait for approval. */
    public static class Approval implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("digest.send-approval", "true");
        }
    }

    private static final String FIRST_PASSWORD = "approval-first-2026!";
    private static final String SECOND_PASSWORD = "approval-second-2026!";
    private static final String VIEWER_PASSWORD = "approval-viewing-2026!";

    @InjectMailbox
    Mailbox mailbox;

    @Inject
    IssueService issues;

    private final List<Reader> readers = new ArrayList<>();

    /** The editor who asks for the send. */
    private String first;

    /** The editor who approves it. */
    private String second;

    @BeforeEach
    void twoEditors() {
        long nanos = System.nanoTime();
        first = "approval-a-" + nanos;
        second = "approval-b-" + nanos;
        createAccount(first, FIRST_PASSWORD, Roles.EDITOR);
        createAccount(second, SECOND_PASSWORD, Roles.EDITOR);
    }

    @AfterEach
    void retireReaders() {
        Readers.retire(readers);
    }

    @Test
    void aSendWaitsForASecondAccountThenGoes() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Bridge reopens after a second look", "News");
        Reader reader = remember(Readers.insert(1, SubscriberStatus.ACTIVE, "approved")).get(0);

        signedIn(first, FIRST_PASSWORD).when().post(send(date)).then().statusCode(202).body("status", equalTo("DRAFT"))
                .body("started", equalTo(false)).body("awaitingApproval", containsString(first));
        asEditor().when().get("/api/digests/" + date).then().statusCode(200).body("status", equalTo("DRAFT"))
                .body("delivery.recipients", equalTo(0));

        signedIn(second, SECOND_PASSWORD).when().post(approve(date)).then().statusCode(200)
                .body("started", equalTo(true)).body("status", equalTo("SENDING"));

        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);
        assertThat(mailbox.awaitTo(reader.email(), 1)).as("copies for the reader").hasSize(1);
    }

    @Test
    void theAccountThatAskedCannotApproveItsOwnSend() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Ferry timetable changes", "News");
        remember(Readers.insert(1, SubscriberStatus.ACTIVE, "own-approval"));

        signedIn(first, FIRST_PASSWORD).when().post(send(date)).then().statusCode(202).body("started", equalTo(false))
                .body("awaitingApproval", containsString(first));

        signedIn(first, FIRST_PASSWORD).when().post(approve(date)).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(first));
        assertThat(Issues.statusOf(date)).isEqualTo(IssueStatus.DRAFT);
    }

    @Test
    void theScheduleDoesNotSendAnUnapprovedIssueAndSaysWhy() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Library extends its hours", "News");
        remember(Readers.insert(1, SubscriberStatus.ACTIVE, "scheduled"));

        SendStart unapproved = issues.start(date);

        assertThat(unapproved.result()).isEqualTo(SendStart.Result.AWAITING_APPROVAL);
        assertThat(unapproved.reasons()).singleElement().asString().contains("approval");
        assertThat(Issues.statusOf(date)).isEqualTo(IssueStatus.DRAFT);

        signedIn(second, SECOND_PASSWORD).when().post(approve(date)).then().statusCode(200)
                .body("started", equalTo(false)).body("status", equalTo("DRAFT"));
        assertThat(Issues.statusOf(date)).as("approved, with no send asked for").isEqualTo(IssueStatus.DRAFT);

        SendStart approved = issues.start(date);

        assertThat(approved.result()).isEqualTo(SendStart.Result.STARTED);
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);
    }

    @Test
    void aCurationAfterApprovalWithdrawsIt() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Market square redesign", "News");
        remember(Readers.insert(1, SubscriberStatus.ACTIVE, "withdrawn"));
        signedIn(second, SECOND_PASSWORD).when().post(approve(date)).then().statusCode(200).body("started",
                equalTo(false));

        signedIn(first, FIRST_PASSWORD).body(Map.of("subject", "Changed")).when().put("/api/digests/" + date).then()
                .statusCode(200);

        signedIn(first, FIRST_PASSWORD).when().post(send(date)).then().statusCode(202).body("status", equalTo("DRAFT"))
                .body("started", equalTo(false)).body("awaitingApproval", containsString(first));
        assertThat(Issues.statusOf(date)).isEqualTo(IssueStatus.DRAFT);
    }

    @Test
    void theLastCuratorCannotApproveAndAnIssueChangedAfterItsApprovalNeedsANewOne() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Tide tables revised", "News");
        Reader reader = remember(Readers.insert(1, SubscriberStatus.ACTIVE, "changed-after")).get(0);

        signedIn(second, SECOND_PASSWORD).body(Map.of("subject", "Curated by the second")).when()
                .put("/api/digests/" + date).then().statusCode(200);
        signedIn(second, SECOND_PASSWORD).when().post(approve(date)).then().statusCode(409).body("detail",
                containsString("curated this issue last"));
        signedIn(first, FIRST_PASSWORD).when().post(approve(date)).then().statusCode(200).body("started",
                equalTo(false));

        // A week's article published after the approval changes what would go out.
        Issues.publish(date, "A late story nobody approved", "News");
        signedIn(second, SECOND_PASSWORD).when().post(send(date)).then().statusCode(202).body("started", equalTo(false))
                .body("awaitingApproval", containsString("changed after " + first));
        assertThat(Issues.statusOf(date)).isEqualTo(IssueStatus.DRAFT);

        signedIn(first, FIRST_PASSWORD).when().post(approve(date)).then().statusCode(200).body("started",
                equalTo(true));
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);
        assertThat(mailbox.awaitTo(reader.email(), 1)).hasSize(1);
    }

    @Test
    void approvalIsRecordedInTheAuditLog() {
        LocalDate date = Issues.freshSunday();

        signedIn(second, SECOND_PASSWORD).when().post(approve(date)).then().statusCode(200);

        JsonPath log = asEditor().queryParam("action", "issue.approve").queryParam("editor", second)
                .queryParam("size", 500).when().get("/api/audit").then().statusCode(200).extract().jsonPath();
        assertThat(log.getLong("total")).isEqualTo(1);
        List<String> targets = log.getList("items.target", String.class);
        assertThat(targets).containsExactly("issue " + date);
    }

    @Test
    void aViewerCannotApprove() {
        String viewer = "approval-viewer-" + System.nanoTime();
        createAccount(viewer, VIEWER_PASSWORD, Roles.VIEWER);
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Harbour lights restored", "News");
        remember(Readers.insert(1, SubscriberStatus.ACTIVE, "viewer-approval"));

        signedIn(viewer, VIEWER_PASSWORD).when().post(approve(date)).then().statusCode(403);

        signedIn(first, FIRST_PASSWORD).when().post(send(date)).then().statusCode(202).body("started", equalTo(false))
                .body("awaitingApproval", containsString(first));
        assertThat(Issues.statusOf(date)).isEqualTo(IssueStatus.DRAFT);
    }

    private List<Reader> remember(List<Reader> inserted) {
        readers.addAll(inserted);
        return inserted;
    }

    @Test
    void onTheDeskTheIssueSaysWhoseApprovalIsMissingAndASecondEditorApprovesIt() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Lighthouse keeper retires", "News");
        Reader reader = remember(Readers.insert(1, SubscriberStatus.ACTIVE, "desk-approval")).get(0);
        String issuePage = "/editor/issues/" + date;

        Map<String, String> asFirst = deskSignIn(first, FIRST_PASSWORD);
        String asked = deskPost(asFirst, issuePage, issuePage + "/send").then().statusCode(200).extract().asString();
        assertThat(asked).contains("Not sent yet").contains("id=\"approval-missing\"").contains(first)
                .doesNotContain("id=\"approve\"");
        assertThat(Issues.statusOf(date)).isEqualTo(IssueStatus.DRAFT);

        Map<String, String> asSecond = deskSignIn(second, SECOND_PASSWORD);
        assertThat(deskGet(asSecond, issuePage)).contains("id=\"approve\"").contains(first + "</strong> asked");
        deskPost(asSecond, issuePage, issuePage + "/approve").then().statusCode(303).header("Location",
                containsString(issuePage + "/progress"));

        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);
        assertThat(mailbox.awaitTo(reader.email(), 1)).hasSize(1);
    }

    private static Map<String, String> deskSignIn(String username, String password) {
        var login = given().redirects().follow(false).contentType(ContentType.URLENC).formParam("username", username)
                .formParam("password", password).when().post("/editor/login");
        assertThat(login.statusCode()).isEqualTo(302);
        return new java.util.HashMap<>(login.cookies());
    }

    private static String deskGet(Map<String, String> cookies, String path) {
        var page = given().redirects().follow(false).cookies(cookies).when().get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        cookies.putAll(page.cookies());
        return page.asString();
    }

    /** Posts the page's form to {@code action} with the page's CSRF token, as the browser would. */
    private static io.restassured.response.Response deskPost(Map<String, String> cookies, String pagePath,
            String action) {
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(deskGet(cookies, pagePath));
        assertThat(csrf.find()).isTrue();
        return given().redirects().follow(false).cookies(cookies).contentType(ContentType.URLENC)
                .formParam("csrf", csrf.group(1)).when().post(action);
    }

    private static void createAccount(String username, String password, String role) {
        asEditor().body(Map.of("username", username, "password", password, "role", role)).when().post("/api/editors")
                .then().statusCode(201);
    }

    /** A request by this account over HTTP Basic, with a JSON body type as the API takes. */
    private static RequestSpecification signedIn(String username, String password) {
        return given().auth().preemptive().basic(username, password).contentType(ContentType.JSON);
    }

    private static String send(LocalDate date) {
        return "/api/digests/" + date + "/send";
    }

    private static String approve(LocalDate date) {
        return "/api/digests/" + date + "/approve";
    }
}
