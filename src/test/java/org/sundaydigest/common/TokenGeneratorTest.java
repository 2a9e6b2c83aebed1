package org.sundaydigest.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokenGeneratorTest {

    @Test
    void tokensAreUrlSafeAndCarry256RandomBits() {
        TokenGenerator tokens = TokenGenerator.secureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = tokens.newToken();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
            seen.add(token);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void hashesAreStableHexAndHideTheToken() {
        String hash = Hashing.sha256Hex("secret-token");

        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(Hashing.sha256Hex("secret-token"))
                .isNotEqualTo(Hashing.sha256Hex("secret-tokeN")).doesNotContain("secret");
    }

    @Test
    void secretsCompareOnlyWhenEqual() {
        assertThat(TokenGenerator.sameSecret("abc", "abc")).isTrue();
        assertThat(TokenGenerator.sameSecret("abc", "abd")).isFalse();
        assertThat(TokenGenerator.sameSecret("abc", "abcd")).isFalse();
        assertThat(TokenGenerator.sameSecret(null, "abc")).isFalse();
    }
}
