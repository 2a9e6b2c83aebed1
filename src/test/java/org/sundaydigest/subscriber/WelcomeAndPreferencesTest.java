package org.sundaydigest.subscriber;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.sundaydigest.testing.Api.asEditor;
import static org.sundaydigest.testing.Api.uniqueEmail;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.sundaydigest.issue.IssueStatus;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Issues;
import org.sundaydigest.testing.Mailbox;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A reader's life after confirming, read back from a real SMTP server: one welcome email with the list headers and the
 * way to their own page, that page changing nothing when opened, saving a new choice of sections, and the next issue
 * following it, lead, section kicker and subject included.
 */
@QuarkusTest
@TestProfile(WelcomeAndPreferencesTest.WelcomeOn.class)
@WithTestResource(GreenMailResource.class)
class WelcomeAndPreferencesTest {

    /** The welcome is on, as it is by default outside the tests. */
    public static class WelcomeOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("digest.welcome.enabled", "true");
        }
    }

    @InjectMailbox
    Mailbox mailbox;

    @Test
    void aConfirmedReaderGetsOneWelcomeWithTheListHeadersAndTheWayToTheirPage() throws Exception {
        String email = uniqueEmail("welcome");
        given().contentType(ContentType.JSON).body(Map.of("email", email, "name", "Ana")).when()
                .post("/api/subscriptions").then().statusCode(202);
        MimeMessage confirmation = mailbox.awaitTo(email, 1).get(0);
        String link = Mailbox.links(Mailbox.part(confirmation, "text/plain"), Api.PUBLIC_URL + "/subscribe/confirm")
                .get(0);
        Api.confirm(link).then().statusCode(200);
        given().contentType(ContentType.URLENC).formParam("token", link.substring(link.indexOf("token=") + 6)).when()
                .post("/subscribe/confirm").then().statusCode(410);

        List<MimeMessage> mails = mailbox.awaitTo(email, 2);
        Api.flushMail(mailbox);
        assertThat(mailbox.to(email)).as("the confirmation and one welcome").hasSize(2);
        MimeMessage welcome = mails.stream().filter(m -> subject(m).startsWith("Welcome")).findFirst().orElseThrow();
        String token = unsubscribeTokenOf(email);
        assertThat(subject(welcome)).isEqualTo("Welcome to the Sunday Digest");
        assertThat(welcome.getHeader("List-Unsubscribe", null))
                .startsWith("<" + Api.PUBLIC_URL + "/unsubscribe?token=" + token + ">");
        assertThat(welcome.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(welcome.getHeader("List-Id", null)).isEqualTo("Sunday Digest <digest.digest.example.test>");
        String text = Mailbox.part(welcome, "text/plain");
        assertThat(text).contains("Hello Ana,", Api.PUBLIC_URL + "/preferences?token=" + token,
                "The next issue arrives on Sunday");
        assertThat(Mailbox.part(welcome, "text/html")).contains(Api.PUBLIC_URL + "/preferences?token=" + token);

        for (MimeMessage mail : List.of(confirmation, welcome)) {
            assertThat(mail.getHeader("Message-ID", null)).as("on the domain of DIGEST_FROM").endsWith("@example.org>")
                    .doesNotContain("localhost");
            assertThat(mail.getHeader("Cc")).isNull();
            assertThat(Mailbox.emptyHeaders(mail)).as("empty headers").isEmpty();
        }
        assertThat(confirmation.getHeader("List-Unsubscribe")).as("a confirmation is not the list yet").isNull();
    }

    @Test
    void theReadersPageChangesNothingWhenOpenedAndSavesANewChoiceThatTheNextIssueFollows() throws Exception {
        String email = confirmedReader("prefs");
        String token = unsubscribeTokenOf(email);
        long id = idOf(email);
        int eventsBefore = consentEvents(id);

        for (int scan = 0; scan < 2; scan++) {
            given().when().get("/preferences?token=" + token).then().statusCode(200)
                    .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store")
                    .body(containsString(email), containsString("name=\"sections\" value=\"Opinion\""),
                            not(containsString("checked")));
        }
        assertThat(consentEvents(id)).as("opening the page changes nothing").isEqualTo(eventsBefore);

        given().contentType(ContentType.URLENC).formParam("name", "Bo").formParam("sections", "Weather").when()
                .post("/preferences?token=" + token).then().statusCode(400)
                .body(containsString("Sections:"), containsString("value=\"Bo\""));
        assertThat(consentEvents(id)).as("a refused change is not saved").isEqualTo(eventsBefore);

        given().contentType(ContentType.URLENC).formParam("name", "Bo").formParam("sections", "opinion").when()
                .post("/preferences?token=" + token).then().statusCode(200).body(containsString("id=\"saved\""));
        asEditor().when().get("/api/subscribers/" + id).then().statusCode(200)
                .body("subscriber.sections", org.hamcrest.Matchers.contains("Opinion"))
                .body("subscriber.name", org.hamcrest.Matchers.equalTo("Bo"))
                .body("consent.findAll { it.type == 'PREFERENCES' }.channel", org.hamcrest.Matchers.contains("WEB"));
        given().when().get("/preferences?token=unknown-token").then().statusCode(404);
        given().contentType(ContentType.URLENC).formParam("name", "X").when().post("/preferences?token=unknown-token")
                .then().statusCode(404);

        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Harbour strike ends", "News");
        Issues.publish(date, "Why the strike mattered", "Opinion");
        asEditor().contentType(ContentType.JSON).when().post("/api/digests/" + date + "/send").then().statusCode(202);
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);
        MimeMessage copy = mailbox.awaitTo(email, 3).stream().filter(m -> subject(m).contains(", ")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(subject(copy)).as("the subject names the lead of the reader's own copy")
                .endsWith(": Why the strike mattered");
        String html = Mailbox.part(copy, "text/html");
        assertThat(html).contains("Why the strike mattered", ">Opinion</p>").doesNotContain("Harbour strike ends")
                .contains(Api.PUBLIC_URL + "/preferences?token=" + token);
        assertThat(Mailbox.part(copy, "text/plain")).contains("[Opinion] Why the strike mattered",
                "Change your sections or name: " + Api.PUBLIC_URL + "/preferences?token=" + token);
    }

    @Test
    void aReaderWhoPausesForFourWeeksIsLeftOutOfTheNextIssueAndResumingBringsThemBack() throws Exception {
        String email = confirmedReader("away");
        String token = unsubscribeTokenOf(email);
        long id = idOf(email);

        given().contentType(ContentType.URLENC).formParam("pause", "true").when()
                .post("/preferences/pause?token=" + token).then().statusCode(200)
                .body(containsString("id=\"paused\""), containsString("id=\"resume\""));
        LocalDate away = Issues.freshSunday();
        Issues.publish(away, "While you were away", "News");
        asEditor().contentType(ContentType.JSON).when().post("/api/digests/" + away + "/send").then().statusCode(202);
        assertThat(Issues.awaitStatus(away, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);
        assertThat(asEditor().when().get("/api/digests/" + away + "/deliveries.csv").then().statusCode(200).extract()
                .asString()).as("the paused reader is not among the recipients").doesNotContain(email);

        given().contentType(ContentType.URLENC).formParam("pause", "false").when()
                .post("/preferences/pause?token=" + token).then().statusCode(200)
                .body(containsString("id=\"pause\""), not(containsString("id=\"paused\"")));
        LocalDate back = Issues.freshSunday();
        Issues.publish(back, "Welcome back", "News");
        asEditor().contentType(ContentType.JSON).when().post("/api/digests/" + back + "/send").then().statusCode(202);
        assertThat(Issues.awaitStatus(back, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);
        assertThat(asEditor().when().get("/api/digests/" + back + "/deliveries.csv").then().statusCode(200).extract()
                .asString()).contains(email);
        asEditor().when().get("/api/subscribers/" + id).then().statusCode(200).body("consent.type",
                org.hamcrest.Matchers.hasItems("PAUSE", "RESUME"));
        given().contentType(ContentType.URLENC).formParam("pause", "true").when()
                .post("/preferences/pause?token=unknown-token").then().statusCode(404);
    }

    /** A reader who signed up through the API and pressed Confirm in their confirmation email. */
    private String confirmedReader(String name) throws Exception {
        String email = uniqueEmail(name);
        given().contentType(ContentType.JSON).body(Map.of("email", email)).when().post("/api/subscriptions").then()
                .statusCode(202);
        Api.confirm(Mailbox.links(Mailbox.part(mailbox.awaitTo(email, 1).get(0), "text/plain"),
                Api.PUBLIC_URL + "/subscribe/confirm").get(0)).then().statusCode(200);
        return email;
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsubscribeTokenOf(String email) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> Subscriber.findByEmail(email).orElseThrow().unsubscribeToken);
    }

    private static long idOf(String email) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> Subscriber.findByEmail(email).orElseThrow().id);
    }

    private static int consentEvents(long id) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> (int) ConsentEvent.count("subscriber.id", id));
    }
}
