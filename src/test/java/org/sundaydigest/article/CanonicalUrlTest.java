package org.sundaydigest.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalUrlTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({ "https://Example.ORG/Story, https://example.org/Story",
            "HTTP://example.org:80/a, http://example.org/a", "https://example.org:443/a, https://example.org/a",
            "https://example.org:8443/a, https://example.org:8443/a", "https://example.org, https://example.org/",
            "https://example.org/a#comments, https://example.org/a",
            "https://example.org/a?utm_source=x&id=7&utm_medium=y, https://example.org/a?id=7",
            "https://example.org/a?fbclid=1&gclid=2&mc_cid=3, https://example.org/a",
            "https://example.org/a?b=1&a=2, https://example.org/a?b=1&a=2",
            "https://example.org/caf%C3%A9, https://example.org/caf%C3%A9" })
    void urlsReduceToTheirCanonicalForm(String given, String canonical) {
        assertThat(CanonicalUrl.of(given)).isEqualTo(canonical);
    }
}
