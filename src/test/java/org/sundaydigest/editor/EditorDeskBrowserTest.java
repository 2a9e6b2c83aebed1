package org.sundaydigest.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.Browser;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Issues;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.Readers;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The editors' desk and the sign-up form in a real browser (headless Chromium), with mail read back from GreenMail. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class EditorDeskBrowserTest {

    @RegisterExtension
    static Browser browser = new Browser();

    @InjectMailbox
    Mailbox mailbox;

    @Test
    void anEditorSignsInCuratesPreviewsTestsSendsWatchesTheProgressAndSignsOut() throws Exception {
        LocalDate date = Issues.freshSunday();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String first = "Harbour reopens " + tag;
        String second = "Council budget " + tag;
        String third = "Why bridges matter " + tag;
        Issues.publish(date, first, "News");
        Issues.publish(date, second, "News");
        Issues.publish(date, third, "Opinion");
        List<Readers.Reader> readers = Readers.insert(3, SubscriberStatus.ACTIVE, "desk");
        WebDriver driver = browser.driver();
        try {
            browser.forgetCookies();
            browser.open("/editor/issues/" + date);
            assertThat(driver.getCurrentUrl()).endsWith("/editor/login");
            browser.signIn(Api.EDITOR, Api.EDITOR_PASSWORD);
            assertThat(driver.getCurrentUrl()).endsWith("/editor/issues/" + date);
            assertThat(browser.find("h1").getText()).contains("Issue of " + date);

            // Curate: a subject, a note, the opinion piece as lead, one article left out.
            browser.find("#subject-input").sendKeys("Bridges and budgets " + tag);
            browser.find("#editor-note").sendKeys("A note from the desk " + tag);
            browser.find("#lead-" + idOf(third)).click();
            browser.find("#include-" + idOf(second)).click();
            browser.clickAndLoad("#save");

            assertThat(browser.find("#notice").getText()).contains("saved");
            assertThat(browser.find("#subject").getText()).isEqualTo("Bridges and budgets " + tag);
            assertThat(browser.find("#article-" + idOf(third)).getText()).startsWith("Lead:");
            assertThat(browser.find("#include-" + idOf(second)).isSelected()).isFalse();
            assertThat(browser.find("#text-preview").getText()).contains("A note from the desk " + tag, third, first)
                    .doesNotContain(second);
            assertThat(browser.find("#preview-phone").getAttribute("width")).isEqualTo("360");
            driver.switchTo().frame("preview-desktop");
            assertThat(browser.find("body").getText()).contains("A note from the desk " + tag, third, first)
                    .doesNotContain(second);
            driver.switchTo().defaultContent();

            // A test copy to the editor's own address.
            String own = Api.uniqueEmail("desk-editor");
            browser.find("#test-to").sendKeys(own);
            browser.clickAndLoad("#send-test");
            assertThat(browser.find("#notice").getText()).contains("test copy", own);
            List<MimeMessage> tests = mailbox.awaitTo(own, 1);
            assertThat(tests).hasSize(1);
            assertThat(tests.get(0).getSubject()).isEqualTo("[TEST] Bridges and budgets " + tag);

            // Send, with a confirmation, and watch the page count up without reloading.
            browser.clickAndLoad("#send-now");
            assertThat(browser.find("#confirm-question").getText()).contains("Bridges and budgets " + tag);
            browser.clickAndLoad("#confirm-send");
            assertThat(driver.getCurrentUrl()).endsWith("/editor/issues/" + date + "/progress");
            ((JavascriptExecutor) driver).executeScript("window.sameDocument = true;");
            browser.await(40, d -> "100".equals(browser.find("#percent").getText())
                    && "sent".equals(browser.find("#status").getText()));
            assertThat(((JavascriptExecutor) driver).executeScript("return window.sameDocument === true;"))
                    .as("the counters were refreshed in place, not by reloading the page").isEqualTo(true);
            assertThat(Long.parseLong(browser.find("#sent").getText())).isGreaterThanOrEqualTo(readers.size());
            assertThat(browser.find("#failed").getText()).isEqualTo("0");
            assertThat(browser.find("#progress-bar").getAttribute("value")).isEqualTo("100");
            for (Readers.Reader reader : readers) {
                assertThat(mailbox.awaitTo(reader.email(), 1)).hasSize(1);
            }

            // The issue is listed, with its archive page and its recipients.
            browser.clickAndLoad("nav a[href='/editor/issues']");
            WebElement row = browser.find("#issue-" + date);
            assertThat(row.getText()).contains("sent", "Bridges and budgets " + tag);
            assertThat(row.findElement(By.linkText("Archive page")).getAttribute("href")).endsWith("/archive/" + date);
            assertThat(row.findElement(By.linkText("Recipients (CSV)")).getAttribute("href"))
                    .endsWith("/editor/issues/" + date + "/deliveries.csv");

            // Signing out ends the session: the desk asks for the password again.
            browser.clickAndLoad("#sign-out");
            assertThat(driver.getCurrentUrl()).contains("/editor/login");
            assertThat(browser.find("#signed-out").getText()).contains("signed out");
            browser.open("/editor");
            assertThat(driver.getCurrentUrl()).endsWith("/editor/login");
        } finally {
            Readers.retire(readers);
        }
    }

    @Test
    void aReaderSubscribesInTheBrowserConfirmsByEmailAndTheEditorFindsThem() {
        WebDriver driver = browser.driver();
        browser.forgetCookies();
        String email = Api.uniqueEmail("browser-reader");
        browser.open("/subscribe");
        browser.find("#email").sendKeys(email);
        browser.find("#name").sendKeys("Bea");
        browser.clickAndLoad("form button[type=submit]");
        assertThat(browser.find("h1").getText()).containsIgnoringCase("check your inbox");

        List<MimeMessage> mails = mailbox.awaitTo(email, 1);
        assertThat(mails).hasSize(1);
        String link = Mailbox.links(Mailbox.part(mails.get(0), "text/plain"), Api.PUBLIC_URL + "/subscribe/confirm")
                .get(0);
        driver.get(link.replace(Api.PUBLIC_URL, Browser.baseUrl()));
        assertThat(browser.find("h1").getText()).containsIgnoringCase("confirm your subscription");
        browser.clickAndLoad("#confirm");
        assertThat(browser.find("h1").getText()).containsIgnoringCase("subscribed");

        browser.open("/editor/readers");
        browser.signIn(Api.EDITOR, Api.EDITOR_PASSWORD);
        assertThat(driver.getCurrentUrl()).endsWith("/editor/readers");
        assertThat(Long.parseLong(browser.find("#count-active").getText())).isPositive();
        assertThat(driver.findElements(By.cssSelector("#reader-chart rect.bar-sign-ups"))).hasSize(12);
        List<WebElement> confirmations = driver.findElements(By.cssSelector("#reader-chart rect.bar-confirmations"));
        assertThat(confirmations.get(confirmations.size() - 1).getAttribute("height"))
                .as("this week's confirmations include the reader's").isNotEqualTo("0.0");
        browser.find("#q").sendKeys(email.substring(0, email.indexOf('@')));
        browser.clickAndLoad("#search");
        assertThat(browser.find("#found").getText()).contains(email, "active");

        browser.clickAndLoad("nav a[href='/editor/articles']");
        List<String> feeds = Api.asEditor().when().get("/api/feeds").then().statusCode(200).extract().jsonPath()
                .getList("url");
        if (feeds.isEmpty()) {
            assertThat(browser.find("#feeds-empty").getText()).contains("No feeds are configured");
        } else {
            assertThat(browser.find("#feed-list").getText()).contains(feeds.get(0));
        }
        browser.clickAndLoad("#sign-out");
        assertThat(browser.find("#signed-out").getText()).contains("signed out");
    }

    private static long idOf(String title) {
        return Api.asEditor().when().get("/api/articles?from=2049-01-01").then().statusCode(200).extract().jsonPath()
                .getLong("find { it.title == '" + title + "' }.id");
    }
}
