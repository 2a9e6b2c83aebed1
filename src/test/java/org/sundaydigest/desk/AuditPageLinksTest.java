package org.sundaydigest.desk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Audit page's "Older entries" keeps the filter as typed, whatever characters it holds. */
class AuditPageLinksTest {

    @Test
    void theNextPageKeepsAFilterWithAPlusAndAnAmpersand() {
        AuditPage.Typed typed = new AuditPage.Typed("ana+news", "sign-in", "2026-12-01", null);
        assertThat(typed.pageHref(2))
                .isEqualTo("/editor/audit?editor=ana%2Bnews&action=sign-in&from=2026-12-01&to=&page=2");
        assertThat(new AuditPage.Typed("a&b=c", null, null, null).pageHref(1))
                .startsWith("/editor/audit?editor=a%26b%3Dc&");
    }
}
