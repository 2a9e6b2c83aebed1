package org.sundaydigest.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.sundaydigest.testing.Api.asEditor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.AdjustableClock;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Issues;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The scheduled side of sending: fires that repeat, and a send missed while the service was down. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class WeeklySendTest {

    @InjectMailbox
    Mailbox mailbox;

    @Inject
    WeeklySend weeklySend;

    @Inject
    IssueService issues;

    @Inject
    AdjustableClock clock;

    private final List<Reader> readers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        clock.reset();
        Readers.retire(readers);
    }

    @Test
    void aSendMissedWhileTheServiceWasDownGoesOutWhenItComesBackWithinTheGrace() throws Exception {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Flood defences", "News");
        readers.addAll(Readers.insert(5, SubscriberStatus.ACTIVE, "missed"));
        moveClockTo(date.atTime(20, 0).toInstant(ZoneOffset.UTC));

        weeklySend.catchUp(Duration.ofHours(24));

        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 30)).isEqualTo(IssueStatus.SENT);
        Map<String, List<MimeMessage>> received = mailbox.byRecipient();
        for (Reader reader : readers) {
            assertThat(received.get(reader.email())).as("copies for %s", reader.email()).hasSize(1);
        }
    }

    @Test
    void aSendMissedLongerAgoThanTheGraceIsLeftToTheEditors() {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Old news", "News");
        readers.addAll(Readers.insert(2, SubscriberStatus.ACTIVE, "late"));
        moveClockTo(date.plusDays(1).atTime(8, 0, 1).toInstant(ZoneOffset.UTC));

        weeklySend.catchUp(Duration.ofHours(24));

        asEditor().when().get("/api/digests/" + date).then().statusCode(200).body("status", equalTo("DRAFT"));
        Api.flushMail(mailbox);
        readers.forEach(reader -> assertThat(mailbox.to(reader.email())).isEmpty());
    }

    @Test
    void firesRepeatedOnOneDateStartTheIssueOnce() throws Exception {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Repeated fire", "News");
        readers.addAll(Readers.insert(10, SubscriberStatus.ACTIVE, "fired"));

        assertThat(issues.start(date).result()).isEqualTo(SendStart.Result.STARTED);
        assertThat(issues.start(date).result()).isEqualTo(SendStart.Result.ALREADY_STARTED);
        assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 30)).isEqualTo(IssueStatus.SENT);
        assertThat(issues.start(date)).extracting(SendStart::result, SendStart::status)
                .containsExactly(SendStart.Result.ALREADY_STARTED, IssueStatus.SENT);

        Api.flushMail(mailbox);
        for (Reader reader : readers) {
            assertThat(mailbox.to(reader.email())).as("copies for %s", reader.email()).hasSize(1);
        }
    }

    @Test
    void aFireForAWeekWithoutArticlesSaysWhyAndLeavesTheIssueADraft() {
        LocalDate date = Issues.freshSunday();

        SendStart start = issues.start(date);

        assertThat(start.result()).isEqualTo(SendStart.Result.NOT_READY);
        assertThat(start.reasons()).singleElement().asString().startsWith("No article was published");
        asEditor().when().get("/api/digests/" + date).then().body("status", equalTo("DRAFT"));
    }

    private void moveClockTo(Instant target) {
        clock.reset();
        clock.advance(Duration.between(Instant.now(), target));
    }
}
