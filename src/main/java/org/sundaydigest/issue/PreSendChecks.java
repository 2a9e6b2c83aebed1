package org.sundaydigest.issue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** What must hold before an issue goes to every reader, checked on its rendered copy. */
final class PreSendChecks {

    /** Gmail clips messages larger than this, hiding the unsubscribe link at the bottom. */
    static final int MAX_HTML_BYTES = 102 * 1024;

    private PreSendChecks() {
    }

    /** Headers a DKIM signature must cover for one-click unsubscribing to count (RFC 8058 section 4). */
    static final List<String> ONE_CLICK_HEADERS = List.of("List-Unsubscribe", "List-Unsubscribe-Post");

    private static final Pattern FIXED_WIDTH = Pattern.compile("(?i)(?<![-\\w])(?:min-)?width\\s*:\\s*(\\d+)px");

    /** Whether DKIM signs, and the headers it signs. */
    record Dkim(boolean enabled, List<String> signedHeaders) {
    }

    static List<Check> of(IssueContent content, IssueRenderer.Rendered copy, String unsubscribeUrl, String archiveUrl,
            Dkim dkim) {
        Document html = Jsoup.parse(copy.html());
        List<Check> checks = new ArrayList<>();
        int articles = content.articles().size();
        checks.add(Check.of("articles", articles > 0,
                articles + (articles == 1 ? " article" : " articles") + " in the issue",
                "The issue has no articles: there is nothing to send."));
        int bytes = copy.html().getBytes(StandardCharsets.UTF_8).length;
        checks.add(Check.of("size", bytes < MAX_HTML_BYTES, "HTML is " + kb(bytes) + " KB",
                "HTML is " + kb(bytes) + " KB; Gmail clips messages over 102 KB, hiding the unsubscribe link."));
        List<String> noAlt = html.select("img").stream().filter(img -> img.attr("alt").isBlank())
                .map(img -> img.attr("src")).toList();
        checks.add(Check.of("image-alt", noAlt.isEmpty(), "Every image has alt text",
                "Images without alt text: " + String.join(", ", noAlt)));
        List<String> badLinks = html.select("a").stream().map(a -> a.attr("href")).filter(h -> !isAbsoluteHttp(h))
                .toList();
        checks.add(Check.of("links", badLinks.isEmpty(), "Every link is an absolute http(s) URL",
                "Links that are not absolute http(s) URLs: " + String.join(", ", badLinks)));
        checks.add(Check.of("unsubscribe-link", hasLink(html, unsubscribeUrl), "The unsubscribe link is present",
                "The unsubscribe link is missing."));
        checks.add(Check.of("archive-link", hasLink(html, archiveUrl), "The web version link is present",
                "The link to the web version is missing."));
        checks.add(Check.of("text-part", !copy.text().isBlank(), "The plain-text part has content",
                "The plain-text part is empty."));
        List<String> wide = tooWide(html);
        checks.add(Check.of("phone-width", wide.isEmpty(), "No fixed width above 600 px: the email fits phones",
                "Fixed widths above 600 px outside Outlook's conditional comments make phones scroll sideways: "
                        + String.join(", ", wide)));
        if (dkim.enabled()) {
            List<String> unsigned = ONE_CLICK_HEADERS.stream()
                    .filter(h -> dkim.signedHeaders().stream().noneMatch(s -> s.strip().equalsIgnoreCase(h))).toList();
            checks.add(Check.of("dkim-one-click", unsigned.isEmpty(),
                    "The DKIM signature covers List-Unsubscribe and List-Unsubscribe-Post",
                    "QUARKUS_MAILER_DKIM_SIGNED_HEADERS leaves out " + String.join(" and ", unsigned)
                            + ": Gmail and Yahoo then ignore one-click unsubscribing."));
        }
        return checks;
    }

    /** Elements with a width above 600 px in an attribute or inline style; Outlook's conditionals are comments. */
    static List<String> tooWide(Document html) {
        List<String> wide = new ArrayList<>();
        for (Element element : html.getAllElements()) {
            String attribute = element.attr("width").strip();
            if (attribute.matches("\\d+") && Integer.parseInt(attribute) > 600) {
                wide.add("<" + element.tagName() + " width=\"" + attribute + "\">");
            }
            Matcher style = FIXED_WIDTH.matcher(element.attr("style"));
            while (style.find()) {
                if (Integer.parseInt(style.group(1)) > 600) {
                    wide.add("<" + element.tagName() + " style=\"width:" + style.group(1) + "px\">");
                }
            }
        }
        return wide;
    }

    static List<Check> failures(List<Check> checks) {
        return checks.stream().filter(c -> c.blocking() && !c.passed()).toList();
    }

    private static boolean hasLink(Document html, String url) {
        for (Element a : html.select("a")) {
            if (a.attr("href").equals(url)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAbsoluteHttp(String href) {
        String lower = href.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    private static String kb(int bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0);
    }
}
