package org.sundaydigest.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sundaydigest.testing.Api.asEditor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The rendered email: its structure for mail clients, and its safety against whatever articles and editors send. */
@QuarkusTest
@WithTestResource(GreenMailResource.class)
class IssueRenderingTest {

    private static final String SCRIPT_TITLE = "<script>alert('title')</script> Budget & \"cuts\"";
    private static final String IMG_SUMMARY = "<img src=x onerror=alert(1)> summary";
    private static final String CRLF_AUTHOR = "Eve\r\nBcc: evil@example.org";
    private static final String RTL_EMOJI = "تقرير خاص 📰 — מיוחד";

    @InjectMailbox
    Mailbox mailbox;

    @Inject
    IssueRenderer renderer;

    @Inject
    IssueContents contents;

    @Test
    void aTypicalIssueIsBuiltForMailClients() throws Exception {
        LocalDate date = IssueApiTest.nextSunday();
        for (int i = 0; i < 12; i++) {
            article(date, i % 6, "Story number " + i + " about the city council",
                    List.of("News", "Investigations", "Opinion").get(i % 3),
                    "A two-sentence summary of story " + i + ". It says what happened.", "Reporter " + i,
                    i % 4 == 0 ? "https://img.example.org/" + i + ".jpg" : null);
        }
        String html = asEditor().when().get("/api/digests/" + date + "/preview").then().statusCode(200).extract()
                .asString();
        Path file = Path.of("target", "rendered", "digest-" + date + ".html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, html);

        Document doc = Jsoup.parse(file.toFile(), "UTF-8");
        assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(doc.select("meta[name=color-scheme]").attr("content")).contains("dark");
        Element card = doc.selectFirst("table.sd-card");
        assertThat(card.attr("role")).isEqualTo("presentation");
        assertThat(card.attr("width")).as("fluid, for phones").isEqualTo("100%");
        assertThat(card.attr("style")).contains("max-width:600px");
        assertThat(html).as("Outlook's fixed width, in a conditional comment")
                .contains("<!--[if mso]><table role=\"presentation\" width=\"600\"");
        assertThat(doc.select("table").stream().allMatch(t -> t.attr("role").equals("presentation"))).isTrue();
        Element preheader = doc.body().child(0);
        assertThat(preheader.attr("style")).contains("display:none");
        assertThat(preheader.text()).isNotBlank();
        assertThat(doc.select("img")).isNotEmpty().allSatisfy(img -> assertThat(img.attr("alt")).isNotBlank());
        assertThat(doc.select("a")).allSatisfy(a -> assertThat(a.attr("href")).startsWith("https://"));
        assertThat(doc.select("td").stream().filter(td -> !td.text().isBlank()))
                .allSatisfy(td -> assertThat(td.attr("style")).as("inline styles").isNotBlank());
        assertThat(doc.select("a[href$=/unsubscribe?token=sample-token]")).hasSize(1);
        assertThat(doc.select("a[href$=/preferences?token=sample-token]")).hasSize(1);
        assertThat(doc.select("a[href$=/archive/" + date + "]")).hasSize(1);
        assertThat(doc.text()).contains("Example Publishing");

        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        IssueRenderer.Rendered rendered = renderer.forReaders(contents.of(date), List.of());
        int copies = 2000;
        long start = System.nanoTime();
        for (int i = 0; i < copies; i++) {
            rendered.personalize("reader" + i + "@example.org", renderer.unsubscribeUrl("token-" + i),
                    renderer.preferencesUrl("token-" + i));
        }
        double microsPerCopy = (System.nanoTime() - start) / 1000.0 / copies;
        System.out.printf("Rendered issue of 12 articles: %.1f KB HTML; personalising one copy: %.1f µs%n",
                bytes / 1024.0, microsPerCopy);
        assertThat(bytes).isLessThan(PreSendChecks.MAX_HTML_BYTES);
    }

    @Test
    void hostileArticlesAndEditorTextAreEscapedEverywhere() throws Exception {
        LocalDate date = IssueApiTest.nextSunday();
        article(date, 1, SCRIPT_TITLE, "News", IMG_SUMMARY, CRLF_AUTHOR, null);
        article(date, 2, RTL_EMOJI, "Opinion", "x".repeat(3900), "A".repeat(200), null);
        asEditor().contentType(ContentType.JSON)
                .body(Map.of("subject", "Hello\r\nBcc: evil@example.org", "editorNote",
                        "<b>bold</b> & <a href=\"javascript:alert(1)\">link</a>"))
                .when().put("/api/digests/" + date).then().statusCode(200);

        String html = asEditor().when().get("/api/digests/" + date + "/preview").then().statusCode(200).extract()
                .asString();
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script, [onerror], a[href^=javascript], b")).isEmpty();
        assertThat(doc.select("img")).isEmpty();
        assertThat(doc.text()).contains(SCRIPT_TITLE, IMG_SUMMARY, RTL_EMOJI,
                "<b>bold</b> & <a href=\"javascript:alert(1)\">link</a>");
        assertThat(html).doesNotContain("<script>");

        String to = Api.uniqueEmail("hostile");
        asEditor().contentType(ContentType.JSON).body(Map.of("to", List.of(to))).when()
                .post("/api/digests/" + date + "/test").then().statusCode(200);
        MimeMessage mail = mailbox.awaitTo(to, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("[TEST] Hello Bcc: evil@example.org");
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getAllRecipients()).hasSize(1);
        Api.flushMail(mailbox);
        assertThat(mailbox.to("evil@example.org")).isEmpty();
        assertThat(Mailbox.part(mail, "text/plain")).contains(RTL_EMOJI, SCRIPT_TITLE);
    }

    private static void article(LocalDate date, int daysBefore, String title, String section, String summary,
            String author, String imageUrl) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", "https://news.example.org/" + UUID.randomUUID());
        body.put("title", title.length() > 500 ? title.substring(0, 500) : title);
        body.put("summary", summary);
        body.put("author", author);
        body.put("section", section);
        body.put("imageUrl", imageUrl);
        body.put("publishedAt", IssueApiTest.publishedAt(date, daysBefore).toString());
        asEditor().contentType(ContentType.JSON).body(body).when().post("/api/articles").then().statusCode(201);
    }
}
