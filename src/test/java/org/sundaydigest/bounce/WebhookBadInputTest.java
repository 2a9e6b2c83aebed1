package org.sundaydigest.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.sundaydigest.bounce.GenericWebhookTest.inner;
import static org.sundaydigest.bounce.GenericWebhookTest.problem;
import static org.sundaydigest.bounce.GenericWebhookTest.signed;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * What a careless or hostile caller sends the webhooks: every such call gets a 4xx with a problem naming what is wrong,
 * never a 5xx, and a batch with one bad event changes nothing, not even through its good events.
 */
@QuarkusTest
@TestProfile(WebhookProfile.class)
class WebhookBadInputTest {

    private final List<Reader> readers = new ArrayList<>();

    @AfterEach
    void retire() {
        Readers.retire(readers);
    }

    @Test
    void aSignedBatchWithOneBadEventIsRefusedWholeAndNamesTheField() {
        Reader reader = Readers.insert(1, SubscriberStatus.ACTIVE, "bad-batch").get(0);
        readers.add(reader);
        String good = inner("bounce", reader.email(), true, null, null);
        String[][] corpus = { { "{\"events\": [" + good + ", {\"type\": \"bounce\"}]}", "events[1].email" },
                { "{\"events\": [" + good + ", {\"type\": \"bounced\", \"email\": \"a@example.net\"}]}",
                        "events[1].type" },
                { "{\"events\": [" + good + ", {\"type\": \"bounce\", \"email\": 42}]}", "events[1].email" },
                { "{\"events\": [" + good + ", {\"type\": \"bounce\", \"email\": \"not an address\"}]}",
                        "events[1].email" },
                { "{\"events\": [" + good
                        + ", {\"type\": \"bounce\", \"email\": \"a@example.net\", \"permanent\": \"yes\"}]}",
                        "events[1].permanent" },
                { "{\"events\": [" + good
                        + ", {\"type\": \"bounce\", \"email\": \"a@example.net\", \"at\": \"yesterday\"}]}",
                        "events[1].at" },
                { "{\"events\": [" + good + ", {\"type\": [\"bounce\"], \"email\": \"a@example.net\"}]}",
                        "events[1].type" },
                { "{\"events\": [" + good + ", \"bounce\"]}", "events[1]" },
                { "{\"events\": {\"type\": \"bounce\"}}", "events" }, { "[" + good + "]", "events" },
                { "{\"events\": [" + good, "body" }, { "not json at all", "body" }, { "", "body" },
                { "null", "events" } };
        for (String[] bad : corpus) {
            problem(signed(bad[0]), 400).body("errors[0].field", org.hamcrest.Matchers.equalTo(bad[1]));
        }
        assertThat(Readers.statusOf(reader.id())).as("the good event of each batch").isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void aReasonAtTheLengthLimitIsKeptClippedWithoutAnError() {
        Reader reader = Readers.insert(1, SubscriberStatus.ACTIVE, "long-reason").get(0);
        readers.add(reader);
        java.time.LocalDate date = Sent.issue();
        signed(GenericWebhookTest.event("bounce", reader.email(), false, null, "4.2.2 " + "full ".repeat(130)))
                .statusCode(202);
        signed(GenericWebhookTest.event("bounce", reader.email(), true, null, "5.1.1 " + "gone ".repeat(130)))
                .statusCode(202);
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(Sent.row(reader, date).get(2)).hasSize(500);
    }

    @Test
    void thousandsOfEventsInOneCallAreRefusedWhole() {
        Reader reader = Readers.insert(1, SubscriberStatus.ACTIVE, "many").get(0);
        readers.add(reader);
        StringJoiner events = new StringJoiner(", ", "{\"events\": [", "]}");
        events.add(inner("bounce", reader.email(), true, null, null));
        for (int i = 0; i < 5000; i++) {
            events.add(inner("bounce", "many-" + i + "@example.net", true, null, null));
        }
        problem(signed(events.toString()), 400).body("errors[0].field", org.hamcrest.Matchers.equalTo("events"));
        assertThat(Readers.statusOf(reader.id())).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void aBodyOfAMegabyteOrMoreIsRefusedBeforeAnythingIsRead() {
        String huge = "{\"events\": [], \"padding\": \"" + "x".repeat(1024 * 1024) + "\"}";
        int status = signed(huge).extract().statusCode();
        assertThat(status).isEqualTo(413);
        for (String path : List.of("ses", "postmark", "mailgun", "sendgrid")) {
            assertThat(RestAssured.given().contentType(ContentType.JSON).body(huge).when().post("/api/webhooks/" + path)
                    .then().extract().statusCode()).as(path).isEqualTo(413);
        }
    }

    @Test
    void theProvidersWebhooksRefuseJunkWithA4xx() {
        String[] bodies = { "", "not json", "[]", "{}", "null", "{\"Type\": 5}", "[{\"event\": 5}]",
                "{\"signature\": \"x\", \"event-data\": []}", "\u0000\u0001\u0002" };
        for (String path : List.of("ses", "postmark", "mailgun", "sendgrid")) {
            for (String body : bodies) {
                int status = RestAssured.given().contentType(ContentType.JSON).body(body).when()
                        .post("/api/webhooks/" + path).then().extract().statusCode();
                assertThat(status).as("%s with %s", path, body).isBetween(400, 499);
            }
        }
    }

    @Test
    void aCallWithAnotherContentTypeIsStillAnsweredByItsSignature() {
        RestAssured.given().contentType(ContentType.TEXT).body("{\"events\": []}").when().post("/api/webhooks/bounces")
                .then().statusCode(401).body("detail", containsString("X-Digest-Signature"));
    }
}
