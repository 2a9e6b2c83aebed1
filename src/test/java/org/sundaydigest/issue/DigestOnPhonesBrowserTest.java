package org.sundaydigest.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sundaydigest.testing.Api.asEditor;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.mail.internet.MimeMessage;

import org.assertj.core.api.SoftAssertions;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.Browser;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Issues;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.Readers;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The digest exactly as a reader received it, opened in headless Chromium at phone and desktop widths, with images
 * shown and blocked. Most readers open the digest on a phone, and several mail clients ignore media queries, so the
 * layout has to fit the screen on its own: no sideways scrolling at 320 px, whatever the titles, summaries and images
 * are. The screenshots and the HTML are left under {@code target/email-screens/} for a person to look at, with the size
 * of the HTML part (Gmail clips messages above 102 KB).
 */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class DigestOnPhonesBrowserTest {

    private static final Path SCREENS = Path.of("target", "email-screens");
    private static final List<Integer> WIDTHS = List.of(320, 360, 600);
    private static final int HEIGHT = 900;
    /** Chromium does not paint a viewport taller than about 16,000 px; longer pages are cut there. */
    private static final int MAX_SCREENSHOT_HEIGHT = 16_000;

    /** A filing address written out in a summary: 99 characters without a space, which no phone can wrap. */
    private static final String UNBROKEN = "records.harbour-authority.example.org/procurement/2050/"
            + "contract-amendments-appendix-c-full-text.pdf";

    /** An article of the week; {@code hoursBefore} the send, so all fall inside the issue's seven-day window. */
    private record Story(String section, String title, String summary, String author, boolean image, int hoursBefore) {
    }

    /** Twelve articles in four sections: the three configured ones, then Culture, which the digest shows last. */
    private static final List<Story> WEEK = List.of(
            new Story("News",
                    "Harbour authority approves £40m dredging plan despite objections from the fishing"
                            + " fleet and residents of the old town",
                    "After a four-hour meeting the board voted six to three to deepen the main channel, a decision"
                            + " opponents say will stir up contaminated silt and end the season for the last inshore"
                            + " boats.",
                    "Priya Natarajan, Transport and Environment Correspondent", true, 6),
            new Story("News", "Night buses return to the eastern suburbs after a two-year absence",
                    "Three routes resume on Friday, running every thirty minutes until four in the morning, after"
                            + " the council found the money in its transport reserve.",
                    "Tomás Ferreira", true, 20),
            new Story("News", "Water company fined for the third time this year over sewage released into the river",
                    "The regulator found that storm overflows were used on dry days in June and July; the company"
                            + " says new monitoring equipment will be fitted by the spring.",
                    "Hannah Lindqvist", true, 30),
            new Story("News", "Schools told to prepare for a four-day week as talks over teachers' pay stall again",
                    "Head teachers received guidance on Thursday evening. Parents will be told by Wednesday which"
                            + " days their children's schools will close.",
                    "Samuel Adeyemi-Clarke, Education Reporter", false, 44),
            new Story("Investigations",
                    "Inside the procurement deals: how a company registered eighteen months ago"
                            + " won £12m of council contracts without a single open tender",
                    "Documents we obtained show that four contracts were extended by amendment rather than put out"
                            + " to tender. The full set of amendments is published at " + UNBROKEN
                            + " and we have annotated every page.",
                    "The Investigations Team", true, 12),
            new Story("Investigations", "Care homes: the inspection reports that were written but never published",
                    "Nine reports on homes in the county were finished and then held back for more than a year. We"
                            + " asked the inspectorate why, and what families were told in the meantime.",
                    "Eleanor Mbeki-Hartmann", true, 50),
            new Story("Investigations",
                    "Who owns the empty shops on the high street? We traced 214 leases to eleven" + " offshore owners",
                    "Half of the units between the station and the market square have been empty for more than two"
                            + " years. Their owners pay no empty-property rates, and none would speak to us.",
                    "Daniel Osei and Marta Kowalczyk", true, 70),
            new Story("Opinion",
                    "Our town can have a working harbour or a marina, but it cannot keep pretending to" + " have both",
                    "The dredging vote settles nothing. Until the council says which harbour it wants, every"
                            + " decision will be fought over again, and the fleet will keep shrinking.",
                    "Margaret Okonjo-Whitfield", true, 16),
            new Story("Opinion",
                    "The night bus is not a luxury: it is how the people who keep the city running get" + " home",
                    "Cleaners, nurses and bakers do not stop working when the last train leaves. A transport policy"
                            + " that forgets them is not a transport policy.",
                    "Javier Romero", false, 60),
            new Story("Opinion", "In defence of the boring council meeting",
                    "Four hours of standing orders and amendments are how a town decides things in the open. We"
                            + " should be glad of every tedious minute.",
                    "Ruth Abernethy", true, 90),
            new Story("Culture",
                    "A seventy-year-old cinema reopens with a season of restored silent films and a"
                            + " live orchestra",
                    "The Regent closed in 2041. Volunteers spent four winters restoring the projection booth, and the"
                            + " first season opens with a score played by the town's youth orchestra.",
                    "Clara Vasquez-Oyelaran, Arts Editor", true, 26),
            new Story("Culture", "Review: the new gallery's opening show is ambitious, uneven and worth the trip",
                    "Forty artists, three floors and a harbour view: not every room works, but the photographs of"
                            + " the fleet in the top gallery are the best thing on show in the region this year.",
                    "Oliver Nakamura", true, 80));

    @RegisterExtension
    static Browser browser = new Browser();

    @InjectMailbox
    Mailbox mailbox;

    @Test
    void theDigestAReaderReceivedFitsPhoneAndDesktopWidthsWithAndWithoutImages() throws Exception {
        LocalDate date = Issues.freshSunday();
        HttpServer images = imageServer(photo(1200, 800));
        List<Readers.Reader> readers = List.of();
        try {
            String imageBase = "http://127.0.0.1:" + images.getAddress().getPort() + "/images/";
            for (int i = 0; i < WEEK.size(); i++) {
                publish(date, WEEK.get(i), imageBase + "story-" + i + ".png");
            }
            readers = Readers.insert(2, SubscriberStatus.ACTIVE, "phone-reader");

            asEditor().contentType(ContentType.JSON).when().post("/api/digests/" + date + "/send").then()
                    .statusCode(202);
            assertThat(Issues.awaitStatus(date, IssueStatus.SENT, 60)).isEqualTo(IssueStatus.SENT);
            List<MimeMessage> received = mailbox.awaitTo(readers.get(0).email(), 1);
            assertThat(received).as("the digest in the reader's mailbox").hasSize(1);
            String html = Mailbox.part(received.get(0), "text/html");

            Files.createDirectories(SCREENS);
            Path page = SCREENS.resolve("digest.html").toAbsolutePath();
            Files.writeString(page, html, StandardCharsets.UTF_8);
            int bytes = html.getBytes(StandardCharsets.UTF_8).length;
            Files.writeString(SCREENS.resolve("size.txt"), bytes + "\n", StandardCharsets.UTF_8);
            System.out.printf(Locale.ROOT, "The digest's HTML part: %d bytes (%.1f KB; Gmail clips above 102 KB)%n",
                    bytes, bytes / 1024.0);

            SoftAssertions softly = new SoftAssertions();
            for (boolean imagesShown : List.of(true, false)) {
                blockImages(!imagesShown);
                for (int width : WIDTHS) {
                    view(page.toUri().toString(), width, imagesShown, "", softly);
                }
            }
            // Several Gmail variants drop <style>: the layout must fit without its media queries.
            Document withoutStyle = Jsoup.parse(html);
            withoutStyle.select("style").remove();
            Path bare = SCREENS.resolve("digest-without-style.html").toAbsolutePath();
            Files.writeString(bare, withoutStyle.outerHtml(), StandardCharsets.UTF_8);
            blockImages(false);
            for (int width : WIDTHS) {
                view(bare.toUri().toString(), width, true, "-without-style", softly);
            }
            softly.assertAll();
        } finally {
            Readers.retire(readers);
            images.stop(0);
            resetBrowser();
        }
    }

    /** Opens the digest at one width, checks that nothing sticks out sideways, and saves a full-length screenshot. */
    private static void view(String url, int width, boolean imagesShown, String variant, SoftAssertions softly)
            throws IOException {
        String mode = (imagesShown ? "images" : "no-images") + variant;
        ChromeDriver driver = (ChromeDriver) browser.driver();
        emulate(width, HEIGHT);
        driver.get(url);
        browser.await(20, d -> Boolean.TRUE
                .equals(((JavascriptExecutor) d).executeScript("return document.readyState === 'complete';")));
        if (imagesShown) {
            browser.await(20, d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                    .executeScript("return Array.from(document.images).every(img => img.complete);")));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> measured = (Map<String, Object>) driver.executeScript("""
                return {
                  scrollWidth: document.documentElement.scrollWidth,
                  innerWidth: window.innerWidth,
                  scrollHeight: document.documentElement.scrollHeight,
                  images: document.images.length,
                  shown: Array.from(document.images).filter(img => img.naturalWidth > 0).length
                };""");
        long scrollWidth = number(measured, "scrollWidth");
        long innerWidth = number(measured, "innerWidth");

        emulate(width, (int) Math.min(Math.max(HEIGHT, number(measured, "scrollHeight")), MAX_SCREENSHOT_HEIGHT));
        Files.write(SCREENS.resolve("digest-" + width + "-" + mode + ".png"),
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));

        softly.assertThat(innerWidth).as("the window at %d px, %s, is not zoomed out to fit wider content", width, mode)
                .isEqualTo(width);
        softly.assertThat(scrollWidth).as("the page's width at %d px, %s (no sideways scrolling)", width, mode)
                .isLessThanOrEqualTo(innerWidth);
        softly.assertThat(number(measured, "images")).as("images in the digest").isPositive();
        if (imagesShown) {
            softly.assertThat(number(measured, "shown")).as("images shown at %d px with images allowed", width)
                    .isPositive();
        } else {
            softly.assertThat(number(measured, "shown")).as("images shown at %d px with images blocked", width)
                    .isZero();
        }
    }

    /** Makes the page a phone ({@code mobile} below 600 px: viewport meta tag, touch) or a narrow desktop window. */
    private static void emulate(int width, int height) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    /**
     * Blocks the image server and any PNG, as a mail client does that does not load remote images; the cache is off so
     * that images from an earlier page do not slip through.
     */
    private static void blockImages(boolean blocked) {
        ChromeDriver driver = (ChromeDriver) browser.driver();
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        List<String> urls = blocked ? List.of("http://127.0.0.1:*", "*.png") : List.of();
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", urls));
    }

    /** Leaves the browser as other tests expect it, without hiding this test's own failure. */
    private static void resetBrowser() {
        if (!(browser.driver() instanceof ChromeDriver driver)) {
            return;
        }
        try {
            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } catch (WebDriverException e) {
            System.err.println("Could not reset the browser: " + e);
        }
    }

    private static long number(Map<String, Object> measured, String key) {
        return ((Number) measured.get(key)).longValue();
    }

    private static void publish(LocalDate date, Story story, String imageUrl) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", "https://news.example.org/" + date + "/" + UUID.randomUUID());
        body.put("title", story.title());
        body.put("summary", story.summary());
        body.put("author", story.author());
        body.put("section", story.section());
        body.put("imageUrl", story.image() ? imageUrl : null);
        // The issue is sent at 08:00 UTC on its Sunday and covers the seven days before.
        body.put("publishedAt",
                date.atTime(8, 0).toInstant(ZoneOffset.UTC).minus(Duration.ofHours(story.hoursBefore())).toString());
        asEditor().contentType(ContentType.JSON).body(body).when().post("/api/articles").then().statusCode(201);
    }

    /** Serves the picture at every path under /images/ on 127.0.0.1, on a free port. */
    private static HttpServer imageServer(byte[] png) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/images/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, png.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(png);
            }
        });
        server.start();
        return server;
    }

    /**
     * A picture of a press photo's size, so that the layout has to scale it down. Drawn pixel by pixel, without
     * Graphics2D, so that no display or AWT toolkit is involved.
     */
    private static byte[] photo(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean horizon = Math.abs(y - height * 2 / 3) < 6;
                int red = 40 + 120 * x / width;
                int green = 90 + 100 * y / height;
                int blue = 200 - 120 * y / height;
                pixels[y * width + x] = horizon ? 0x1a1a1a : (red << 16) | (green << 8) | blue;
            }
        }
        image.setRGB(0, 0, width, height, pixels, 0, width);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
