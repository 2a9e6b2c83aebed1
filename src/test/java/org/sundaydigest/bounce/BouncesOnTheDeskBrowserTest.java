package org.sundaydigest.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sundaydigest.bounce.GenericWebhookTest.event;
import static org.sundaydigest.bounce.GenericWebhookTest.signed;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.Browser;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * What an editor sees of bounces and complaints, in Chromium: the counters and the complaint rate of a sent issue, its
 * warning above 0.1 % and its alarm above 0.3 %, in the issues list too, and the recent reports on the readers page.
 * Screenshots go to {@code target/desk-screens}.
 */
@QuarkusTest
@TestProfile(WebhookProfile.class)
@WithTestResource(GreenMailResource.class)
class BouncesOnTheDeskBrowserTest {

    @RegisterExtension
    static Browser browser = new Browser();

    @InjectMailbox
    Mailbox mailbox;

    private List<Reader> readers = List.of();

    @AfterEach
    void retire() {
        Readers.retire(readers);
    }

    @Test
    void anEditorSeesTheComplaintRateTurnFromWarningToAlarmAndTheReasonsOfTheBounces() throws Exception {
        readers = Readers.insert(400, SubscriberStatus.ACTIVE, "desk-rate");
        LocalDate date = Sent.issue();
        signed(event("complaint", readers.get(0).email(), null, Sent.messageId(mailbox, readers.get(0), date), null))
                .statusCode(202);

        browser.forgetCookies();
        browser.open("/editor/issues/" + date + "/progress");
        browser.signIn(Api.EDITOR, Api.EDITOR_PASSWORD);
        browser.open("/editor/issues/" + date + "/progress");
        assertThat(browser.find("#complaints").getText()).isEqualTo("1");
        // Readers other tests left active get the issue too, so the rate is read against the count sent.
        long sent = Long.parseLong(browser.find("#sent").getText());
        assertThat(sent).isBetween(400L, 900L);
        assertThat(browser.find("#complaint-rate").getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f %%", 100.0 / sent));
        assertThat(browser.find("#complaint-warning").isDisplayed()).isTrue();
        assertThat(browser.find("#complaint-warning").getText()).startsWith("Warning");

        signed(event("complaint", readers.get(1).email(), null, Sent.messageId(mailbox, readers.get(1), date), null))
                .statusCode(202);
        signed(event("bounce", readers.get(2).email(), true, Sent.messageId(mailbox, readers.get(2), date),
                "550 5.1.1 mailbox gone " + date)).statusCode(202);
        browser.open("/editor/issues/" + date + "/progress");
        assertThat(browser.find("#bounced").getText()).isEqualTo("1");
        assertThat(browser.find("#complaint-rate").getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f %%", 200.0 / sent));
        assertThat(browser.find("#complaint-warning").getText()).startsWith("Alarm");
        assertThat(browser.find("#complaint-rate").getCssValue("font-weight")).isEqualTo("700");
        browser.deskScreenshot("progress-alarm", 1100);

        browser.open("/editor/issues");
        assertThat(browser.find("#issue-" + date).getText())
                .contains(String.format(java.util.Locale.ROOT, "2 (%.2f %%) alarm", 200.0 / sent));

        browser.open("/editor/readers");
        assertThat(browser.find("#reports").getText()).contains(readers.get(2).email())
                .contains("550 5.1.1 mailbox gone " + date).contains(readers.get(1).email());
        browser.deskScreenshot("readers-reports", 1100);
    }
}
