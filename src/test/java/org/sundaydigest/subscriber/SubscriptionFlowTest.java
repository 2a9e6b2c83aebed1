package org.sundaydigest.subscriber;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.sundaydigest.testing.Api.PUBLIC_URL;
import static org.sundaydigest.testing.Api.uniqueEmail;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.AdjustableClock;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A reader's whole way through the HTML pages, with the confirmation mail read back from a real SMTP server. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class SubscriptionFlowTest {

    @InjectMailbox
    Mailbox mailbox;

    @Inject
    AdjustableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aReaderSignsUpConfirmsByEmailAndLeavesWithOneClick() throws Exception {
        String email = uniqueEmail("ana");
        given().when().get("/subscribe").then().statusCode(200).body(containsString("<label for=\"email\">"),
                containsString("name=\"sections\" value=\"Opinion\""));

        given().contentType(ContentType.URLENC).formParam("email", email).formParam("name", "Ana")
                .formParam("sections", "Investigations").when().post("/subscribe").then().statusCode(200)
                .body(containsString("Check your inbox"));

        MimeMessage mail = single(email);
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(mail.getSubject()).isEqualTo("Please confirm your subscription to the Sunday Digest");
        assertThat(mail.getFrom()[0].toString()).contains("digest@example.org");
        assertThat(mail.getHeader("List-Unsubscribe")).isNull();
        String text = Mailbox.part(mail, "text/plain");
        String html = Mailbox.part(mail, "text/html");
        assertThat(text).as("nothing the reader typed is repeated").contains("Hello,").doesNotContain("Ana");
        String link = onlyConfirmLink(text);
        assertThat(html).contains("href=\"" + link + "\"");
        assertThat(statusOf(email)).isEqualTo(SubscriberStatus.PENDING);

        String token = unsubscribeTokenOf(email);
        given().when().get(local(link)).then().statusCode(200).body(containsString("Confirm"));
        assertThat(statusOf(email)).as("opening the link changes nothing: mail scanners open links")
                .isEqualTo(SubscriberStatus.PENDING);
        Api.confirm(link).then().statusCode(200).body(containsString("You're subscribed"),
                containsString("href=\"/unsubscribe?token=" + token + "\""));
        assertThat(statusOf(email)).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(sectionsOf(email)).containsExactly("Investigations");

        given().when().get("/unsubscribe?token=" + token).then().statusCode(200)
                .body(containsString("<button type=\"submit\">Unsubscribe</button>"));
        assertThat(statusOf(email)).as("GET must change nothing: mail scanners follow links")
                .isEqualTo(SubscriberStatus.ACTIVE);

        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                .when().post("/unsubscribe?token=" + token).then().statusCode(200)
                .body(containsString("You're unsubscribed"));
        assertThat(statusOf(email)).isEqualTo(SubscriberStatus.UNSUBSCRIBED);

        given().redirects().follow(false).multiPart("List-Unsubscribe", "One-Click").when()
                .post("/unsubscribe?token=" + token).then().statusCode(200);
        assertThat(consentOf(email)).containsExactly("SIGNUP/WEB", "CONFIRM/WEB", "UNSUBSCRIBE/ONE_CLICK");
    }

    @Test
    void theUnsubscribeButtonWorksWithoutJavaScriptOrCookies() {
        String email = confirmedReader("ben");
        String token = unsubscribeTokenOf(email);

        given().contentType(ContentType.URLENC).when().post("/unsubscribe?token=" + token).then().statusCode(200);

        assertThat(statusOf(email)).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(consentOf(email)).last().isEqualTo("UNSUBSCRIBE/WEB");
    }

    @Test
    void unknownUnsubscribeTokensGet404AndChangeNothing() {
        given().when().get("/unsubscribe?token=nope").then().statusCode(404)
                .body(containsString("We don't recognise this link"));
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").when()
                .post("/unsubscribe?token=nope").then().statusCode(404);
        given().when().post("/unsubscribe").then().statusCode(404);
    }

    @Test
    void openingTheLinkChangesNothingAndPressingConfirmSpendsIt() {
        String email = uniqueEmail("scan");
        signUp(email);
        String link = onlyConfirmLink(Mailbox.part(single(email), "text/plain"));
        String token = link.substring(link.indexOf("token=") + "token=".length());

        for (int scan = 0; scan < 3; scan++) {
            given().header("User-Agent", "LinkScanner/1.0").when().get(local(link)).then().statusCode(200)
                    .header("Referrer-Policy", "no-referrer").body(containsString("id=\"confirm\""));
        }
        assertThat(statusOf(email)).as("a scanner that opens the link confirms nothing")
                .isEqualTo(SubscriberStatus.PENDING);
        assertThat(consentOf(email)).doesNotContain("CONFIRM/WEB");

        Api.confirm(link).then().statusCode(200).body(containsString("You're subscribed"));
        assertThat(statusOf(email)).isEqualTo(SubscriberStatus.ACTIVE);

        String again = given().contentType(ContentType.URLENC).formParam("token", token).when()
                .post("/subscribe/confirm").then().statusCode(410).body(containsString("has been used")).extract()
                .asString();
        assertThat(again).as("a spent link no longer hands out the way out").doesNotContain("unsubscribe?token");
        given().when().get(local(link)).then().statusCode(410).body(containsString("has been used"),
                not(containsString("unsubscribe?token")));
        assertThat(consentOf(email)).containsOnlyOnce("CONFIRM/WEB");
    }

    @Test
    void signingUpAgainLooksTheSameAndMailsOnlyReadersWhoAreNotActive() {
        String email = uniqueEmail("cleo");
        String first = signUp(email);
        clock.advance(Duration.ofMinutes(3));
        String second = signUp(email);
        assertThat(second).isEqualTo(first);
        List<MimeMessage> mails = mailbox.awaitTo(email, 2);
        assertThat(mails).hasSize(2);

        // The two emails may arrive in either order: the link that still works is the new one.
        String a = onlyConfirmLink(Mailbox.part(mails.get(0), "text/plain"));
        String b = onlyConfirmLink(Mailbox.part(mails.get(1), "text/plain"));
        boolean aIsOld = given().when().get(local(a)).statusCode() == 404;
        String oldLink = aIsOld ? a : b;
        String newLink = aIsOld ? b : a;
        given().when().get(local(oldLink)).then().statusCode(404);
        Api.confirm(newLink).then().statusCode(200);

        String third = signUp(email.toUpperCase());
        assertThat(third).isEqualTo(first);
        Api.flushMail(mailbox);
        assertThat(mailbox.to(email)).as("an active reader gets no new mail").hasSize(2);
        assertThat(statusOf(email)).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void repeatedSignUpsWithinTwoMinutesSendOnlyOneLink() {
        String email = uniqueEmail("flood");
        String first = signUp(email);
        clock.advance(Duration.ofSeconds(119));
        String again = signUp(email);
        String renewed = given().contentType(ContentType.URLENC).formParam("email", email.toUpperCase()).when()
                .post("/subscribe").then().statusCode(200).extract().asString();

        assertThat(again).isEqualTo(first).isEqualTo(renewed);
        Api.flushMail(mailbox);
        assertThat(mailbox.to(email)).hasSize(1);
        Api.confirm(onlyConfirmLink(Mailbox.part(single(email), "text/plain"))).then().statusCode(200);
    }

    @Test
    void addressesDifferingOnlyInCaseAreOneReader() {
        String email = uniqueEmail("dora");
        signUp(email);
        signUp(email.toUpperCase());

        long readers = QuarkusTransaction.requiringNew().call(() -> Subscriber.count("emailKey", email.toLowerCase()));
        assertThat(readers).isEqualTo(1);
    }

    @Test
    void anUnsubscribedReaderWhoSignsUpAgainMustConfirmAgain() {
        String email = confirmedReader("eve");
        given().contentType(ContentType.URLENC).when().post("/unsubscribe?token=" + unsubscribeTokenOf(email)).then()
                .statusCode(200);

        signUp(email);

        assertThat(statusOf(email)).isEqualTo(SubscriberStatus.PENDING);
        List<MimeMessage> mails = mailbox.awaitTo(email, 2);
        assertThat(mails).hasSize(2);
        Api.confirm(onlyConfirmLink(Mailbox.part(mails.get(1), "text/plain"))).then().statusCode(200);
        assertThat(statusOf(email)).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void anExpiredLinkOffersANewOneThatWorks() {
        String email = uniqueEmail("finn");
        signUp(email);
        String link = onlyConfirmLink(Mailbox.part(single(email), "text/plain"));

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        String token = link.substring(link.indexOf("token=") + 6);
        given().when().get(local(link)).then().statusCode(410).body(containsString("Send me a new link"));
        assertThat(statusOf(email)).isEqualTo(SubscriberStatus.PENDING);

        given().contentType(ContentType.URLENC).formParam("token", token).when().post("/subscribe/confirm/renew").then()
                .statusCode(200);
        List<MimeMessage> mails = mailbox.awaitTo(email, 2);
        assertThat(mails).hasSize(2);
        Api.confirm(onlyConfirmLink(Mailbox.part(mails.get(1), "text/plain"))).then().statusCode(200);
        assertThat(statusOf(email)).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void aLinkIsStillValidJustBeforeItExpires() {
        String email = uniqueEmail("gus");
        signUp(email);
        clock.advance(Duration.ofDays(7).minusMinutes(1));

        Api.confirm(onlyConfirmLink(Mailbox.part(single(email), "text/plain"))).then().statusCode(200);
    }

    @Test
    void unknownConfirmationTokensGet404WithAWayBack() {
        given().when().get("/subscribe/confirm?token=made-up").then().statusCode(404)
                .body(containsString("href=\"/subscribe\""));
        given().when().get("/subscribe/confirm").then().statusCode(404);
        given().contentType(ContentType.URLENC).formParam("token", "made-up").when().post("/subscribe/confirm/renew")
                .then().statusCode(404);
    }

    @Test
    void anInvalidFormComesBackWithTheMessageAndTheTypedValues() {
        Api.flushMail(mailbox);
        int before = mailbox.total();

        given().contentType(ContentType.URLENC).formParam("email", "not-an-email").formParam("name", "Hélène")
                .formParam("sections", "Opinion").when().post("/subscribe").then().statusCode(400)
                .contentType(ContentType.HTML).body(containsString("must be a valid email address"),
                        containsString("value=\"not-an-email\""), containsString("value=\"Hélène\""),
                        containsString("value=\"Opinion\" checked"), containsString("aria-invalid=\"true\""),
                        not(containsString("Check your inbox")));

        Api.flushMail(mailbox);
        assertThat(mailbox.total()).isEqualTo(before + 1);
    }

    @Test
    void typedValuesAreEscapedWhenTheFormComesBack() {
        given().contentType(ContentType.URLENC).formParam("email", "\"><script>alert(1)</script>").when()
                .post("/subscribe").then().statusCode(400).body(not(containsString("<script>alert(1)</script>")),
                        containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    private String signUp(String email) {
        return given().contentType(ContentType.URLENC).formParam("email", email).when().post("/subscribe").then()
                .statusCode(200).extract().asString();
    }

    private String confirmedReader(String name) {
        String email = uniqueEmail(name);
        signUp(email);
        Api.confirm(onlyConfirmLink(Mailbox.part(single(email), "text/plain"))).then().statusCode(200);
        return email;
    }

    private MimeMessage single(String email) {
        List<MimeMessage> mails = mailbox.awaitTo(email, 1);
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private static String onlyConfirmLink(String text) {
        List<String> links = Mailbox.links(text, PUBLIC_URL + "/subscribe/confirm?token=");
        assertThat(links).hasSize(1);
        assertThat(links.get(0)).matches(".*token=[A-Za-z0-9_-]{43}$");
        return links.get(0);
    }

    /** The mail links to the public URL; the test application answers on its own port. */
    private static String local(String link) {
        return link.substring(PUBLIC_URL.length());
    }

    static SubscriberStatus statusOf(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().status);
    }

    static List<String> sectionsOf(String email) {
        return QuarkusTransaction.requiringNew()
                .call(() -> List.copyOf(Subscriber.findByEmail(email).orElseThrow().sections));
    }

    static String unsubscribeTokenOf(String email) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Subscriber.findByEmail(email).orElseThrow().unsubscribeToken);
    }

    static List<String> consentOf(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().consentEvents
                .stream().map(e -> e.type + "/" + e.channel).toList());
    }

    static long idOf(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().id);
    }

}
