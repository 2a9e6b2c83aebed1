package org.sundaydigest.issue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class PreSendChecksTest {

    private static final IssueContent.Item ITEM = new IssueContent.Item(1, "Title", "https://example.org/1", null, null,
            "News", null, Instant.parse("2050-01-01T06:00:00Z"));
    private static final IssueContent CONTENT = new IssueContent(LocalDate.of(2050, 1, 2),
            Instant.parse("2049-12-26T08:00:00Z"), Instant.parse("2050-01-02T08:00:00Z"), "s", null, ITEM, List.of(),
            List.of());

    @Test
    void aFixedOrMinimumWidthAbove600PixelsIsFoundInAttributesAndStylesButNotInOutlooksConditionals() {
        String html = """
                <body><!--[if mso]><table width="700"><tr><td><![endif]-->
                <table width="100%" style="width:100%;max-width:600px"><tr><td>
                <table width="640"><tr><td style="min-width:900px">x</td></tr></table>
                <div style="padding:0;width: 720px">y</div><img width="600" src="https://example.org/i.png" alt="i">
                </td></tr></table><!--[if mso]></td></tr></table><![endif]--></body>""";

        assertThat(PreSendChecks.tooWide(Jsoup.parse(html))).containsExactly("<table width=\"640\">",
                "<td style=\"width:900px\">", "<div style=\"width:720px\">");
    }

    @Test
    void withDkimOnTheSignedHeadersMustCoverOneClickAndWithoutItThereIsNoSuchCheck() {
        IssueRenderer.Rendered copy = new IssueRenderer.Rendered("s", "<p>x</p>", "x");

        assertThat(check(PreSendChecks.of(CONTENT, copy, "u", "a",
                new PreSendChecks.Dkim(true, List.of("From", "To", "Subject", "List-Unsubscribe")))).passed())
                        .isFalse();
        assertThat(check(PreSendChecks.of(CONTENT, copy, "u", "a",
                new PreSendChecks.Dkim(true, List.of("from", "to", "list-unsubscribe", "List-Unsubscribe-Post"))))
                        .passed()).isTrue();
        assertThat(PreSendChecks.of(CONTENT, copy, "u", "a", new PreSendChecks.Dkim(false, List.of())))
                .noneMatch(c -> c.name().equals("dkim-one-click"));
    }

    private static Check check(List<Check> checks) {
        return checks.stream().filter(c -> c.name().equals("dkim-one-click")).findFirst().orElseThrow();
    }
}
