package org.sundaydigest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sundaydigest.imports.ImportApiTest.exists;
import static org.sundaydigest.imports.ImportApiTest.retireAll;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.Browser;

import io.quarkus.test.junit.QuarkusTest;

/** An editor imports a list from the desk in Chromium: the dry run's counts first, then the real run, errors shown. */
@QuarkusTest
class ImportDeskBrowserTest {

    @RegisterExtension
    static Browser browser = new Browser();

    @Test
    void anEditorUploadsAListSeesTheDryRunThenImportsItForReal() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.createTempFile("readers-", ".csv");
        Files.writeString(file, "email,name,sections\n" + "one-" + tag + "@example.org,One,News\n" + "two-" + tag
                + "@example.org,Two,Gardening\n" + "not an address,Three,\n", StandardCharsets.UTF_8);

        browser.forgetCookies();
        browser.open("/editor/readers");
        browser.signIn(Api.EDITOR, Api.EDITOR_PASSWORD);
        browser.clickAndLoad("#import-link");
        browser.find("#file").sendKeys(file.toAbsolutePath().toString());
        assertThat(browser.find("#dry-run").isSelected()).as("a dry run is the default").isTrue();
        browser.clickAndLoad("#start-import");

        browser.await(30, d -> browser.find("#status").getText().equals("done"));
        assertThat(browser.find("h1").getText()).startsWith("Dry run of");
        assertThat(browser.find("#created").getText()).isEqualTo("2");
        assertThat(browser.find("#skipped").getText()).isEqualTo("1");
        assertThat(browser.find("#errors").getText()).contains("4").contains("email").contains("Gardening");
        assertThat(exists("one-" + tag + "@example.org")).as("a dry run changes nothing").isFalse();
        browser.deskScreenshot("import-dry-run", 1000);

        browser.clickAndLoad("#run-for-real");
        browser.await(30, d -> browser.find("#status").getText().equals("done"));
        assertThat(browser.find("h1").getText()).startsWith("Import of");
        assertThat(browser.find("#created").getText()).isEqualTo("2");
        assertThat(exists("one-" + tag + "@example.org")).isTrue();
        assertThat(browser.find("#errors-csv").getAttribute("href")).endsWith("/errors.csv");
        retireAll("%-" + tag + "@example.org");
        Files.deleteIfExists(file);
    }
}
