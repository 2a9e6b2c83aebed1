package org.sundaydigest.editor;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] SECRET = "12345678901234567890".getBytes(US_ASCII);

    @Test
    void aSealedSecretOpensToTheSameBytes() {
        SecretBox box = SecretBox.fromPassphrase("a long random value from the deployment", RANDOM);

        String sealed = box.seal(SECRET);

        assertThat(sealed).startsWith("v1:").doesNotContain(Totp.base32(SECRET)).matches("v1:[A-Za-z0-9_-]+");
        assertThat(box.open(sealed)).isEqualTo(SECRET);
        assertThat(SecretBox.fromPassphrase("a long random value from the deployment", RANDOM).open(sealed))
                .isEqualTo(SECRET);
    }

    @Test
    void twoSealsOfTheSameSecretDiffer() {
        SecretBox box = new SecretBox(key(), RANDOM);

        String first = box.seal(SECRET);
        String second = box.seal(SECRET);

        assertThat(first).isNotEqualTo(second);
        assertThat(box.open(first)).isEqualTo(box.open(second)).isEqualTo(SECRET);
    }

    @Test
    void aChangeToAnyByteIsRefused() {
        SecretBox box = new SecretBox(key(), RANDOM);
        byte[] joined = Base64.getUrlDecoder().decode(box.seal(SECRET).substring(3));

        for (int i = 0; i < joined.length; i++) {
            byte[] tampered = joined.clone();
            tampered[i] ^= 0x01;
            String text = "v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> box.open(text)).as("byte %d", i).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(text.substring(3));
        }
    }

    @Test
    void anotherKeyIsRefused() {
        String sealed = SecretBox.fromPassphrase("the right passphrase", RANDOM).seal(SECRET);

        assertThatThrownBy(() -> SecretBox.fromPassphrase("the wrong passphrase", RANDOM).open(sealed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(sealed.substring(3))
                .hasMessageNotContaining("passphrase");
        assertThatThrownBy(() -> new SecretBox(key(), RANDOM).open(sealed))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedTextIsRefused() {
        SecretBox box = new SecretBox(key(), RANDOM);
        String sealed = box.seal(SECRET);

        for (String text : new String[] { null, "", "v1:", "v2:" + sealed.substring(3), sealed.substring(3),
                "v1:not base64!", "v1:" + sealed.substring(3, 30), sealed.substring(0, sealed.length() - 1) }) {
            assertThatThrownBy(() -> box.open(text)).as(String.valueOf(text))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void onlyAThirtyTwoByteKeyOrAPassphraseWillDo() {
        assertThatThrownBy(() -> new SecretBox(new byte[16], RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(null, RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretBox.fromPassphrase(" ", RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretBox.fromPassphrase(null, RANDOM)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }
}
