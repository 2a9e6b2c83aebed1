package org.sundaydigest.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.sundaydigest.testing.AdjustableClock;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.Authenticator;
import org.sundaydigest.testing.Browser;

import io.quarkus.test.junit.QuarkusTest;

/**
 * "Team" and "My account" in Chromium, as an admin and a new colleague use them: the admin adds an account and changes
 * its role; the colleague turns on a second factor by scanning (here: reading) the key, keeps the recovery codes, is
 * signed out, and signs in again with a code from the app.
 */
@QuarkusTest
class TeamAndAccountBrowserTest {

    private static final String PASSWORD = "browser-colleague-2026";

    @RegisterExtension
    static Browser browser = new Browser();

    @Inject
    AdjustableClock clock;

    @Test
    void anAdminAddsAColleagueWhoTurnsOnASecondFactorAndSignsInWithIt() throws Exception {
        String name = "colleague-" + System.nanoTime();
        WebDriver driver = browser.driver();
        browser.forgetCookies();
        browser.open("/editor/team");
        browser.signIn(Api.EDITOR, Api.EDITOR_PASSWORD);
        assertThat(driver.getCurrentUrl()).endsWith("/editor/team");

        browser.find("#new-username").sendKeys(name);
        browser.find("#new-password").sendKeys(PASSWORD);
        new Select(browser.find("#new-role")).selectByValue("viewer");
        browser.clickAndLoad("#add-account-button");
        assertThat(browser.find("#team-done").getText()).contains(name);
        assertThat(browser.find("#account-" + name + " .role").getText()).isEqualTo("viewer");

        new Select(browser.find("#role-" + name)).selectByValue("editor");
        WebElement save = browser.find("#account-" + name).findElement(By.xpath(".//button[text()='Save role']"));
        WebElement page = driver.findElement(By.tagName("html"));
        save.click();
        browser.await(20, d -> {
            try {
                page.isDisplayed();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            }
        });
        assertThat(browser.find("#account-" + name + " .role").getText()).isEqualTo("editor");
        browser.deskScreenshot("team", 1000);
        browser.clickAndLoad("#sign-out");

        browser.open("/editor/account");
        browser.signIn(name, PASSWORD);
        assertThat(driver.findElements(By.linkText("Team"))).as("an editor sees no Team tab").isEmpty();
        assertThat(browser.find("#my-role").getText()).isEqualTo("editor");
        browser.clickAndLoad("#set-up-second-factor");
        WebElement qr = browser.find("#qr-code svg");
        assertThat(qr.getSize().getWidth()).as("the QR code is drawn large enough to scan").isGreaterThan(150);
        byte[] key = Authenticator.key(browser.find("#totp-secret").getText());
        browser.deskScreenshot("second-factor-qr", 1000);
        browser.find("#code").sendKeys(Authenticator.code(key, clock.instant(), 0));
        browser.clickAndLoad("#turn-on");
        assertThat(browser.find("#recovery-codes").findElements(By.tagName("li"))).hasSize(10);
        assertThat(browser.find("#account-done").getText()).contains("second factor is on");

        browser.open("/editor");
        assertThat(driver.getCurrentUrl()).as("turning it on ended the session").endsWith("/editor/login");
        browser.find("#username").sendKeys(name);
        browser.find("#password").sendKeys(PASSWORD);
        browser.find("#code").sendKeys(Authenticator.code(key, clock.instant(), 1));
        browser.clickAndLoad("#sign-in");
        assertThat(driver.getCurrentUrl()).endsWith("/editor");
        browser.clickAndLoad("#my-account");
        assertThat(browser.find("#second-factor-status").getText()).startsWith("On.").contains("10 recovery codes");
        browser.clickAndLoad("#sign-out");

        browser.open("/editor/audit");
        browser.signIn(Api.EDITOR, Api.EDITOR_PASSWORD);
        browser.find("#filter-editor").sendKeys(name);
        browser.clickAndLoad("#audit-filter button");
        List<String> actions = browser.driver().findElements(By.cssSelector("#audit-entries td.action")).stream()
                .map(WebElement::getText).toList();
        assertThat(actions).as("the colleague's own entries, newest first").containsExactly("sign-out", "sign-in",
                "second-factor.on", "sign-in");
        browser.deskScreenshot("audit", 1000);
    }
}
