package org.sundaydigest.editor;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TotpTest {

    /** The seeds of RFC 6238 Appendix B: one per hash, as long as its output (the reference code in Appendix A). */
    private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(US_ASCII);
    private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(US_ASCII);
    private static final byte[] SHA512_SEED = "1234567890123456789012345678901234567890123456789012345678901234"
            .getBytes(US_ASCII);

    private static final List<Long> TIMES = List.of(59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L,
            20000000000L);

    private static final Instant NOW = Instant.ofEpochSecond(1111111111L);

    @Test
    void everyRfc6238VectorForSha1IsMet() {
        assertVectors(SHA1_SEED, "HmacSHA1",
                List.of("94287082", "07081804", "14050471", "89005924", "69279037", "65353130"));
    }

    @Test
    void everyRfc6238VectorForSha256IsMet() {
        assertVectors(SHA256_SEED, "HmacSHA256",
                List.of("46119246", "68084774", "67062674", "91819424", "90698825", "77737706"));
    }

    @Test
    void everyRfc6238VectorForSha512IsMet() {
        assertVectors(SHA512_SEED, "HmacSHA512",
                List.of("90693936", "25091201", "99943326", "93441116", "38618901", "47863826"));
    }

    @Test
    void everyRfc4226VectorIsMetWithTheStepAsCounter() {
        List<String> expected = List.of("755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
                "399871", "520489");
        for (int counter = 0; counter < expected.size(); counter++) {
            assertThat(Totp.code(SHA1_SEED, counter)).as("counter %d", counter).isEqualTo(expected.get(counter));
        }
    }

    @Test
    void theSixDigitCodeIsTheEightDigitOneCutShortWithItsLeadingZerosKept() {
        assertThat(Totp.code(SHA1_SEED, Totp.step(Instant.ofEpochSecond(1111111111L)))).isEqualTo("050471");
        assertThat(Totp.code(SHA1_SEED, Totp.step(Instant.ofEpochSecond(1234567890L)))).isEqualTo("005924");
    }

    @Test
    void stepsAreThirtySecondsFromTheEpoch() {
        assertThat(Totp.step(Instant.EPOCH)).isZero();
        assertThat(Totp.step(Instant.ofEpochSecond(29))).isZero();
        assertThat(Totp.step(Instant.ofEpochSecond(30))).isEqualTo(1);
        assertThat(Totp.step(Instant.ofEpochSecond(59, 999_999_999))).isEqualTo(1);
        assertThat(Totp.step(Instant.ofEpochSecond(1111111111L))).isEqualTo(0x23523ED);
    }

    @Test
    void tenDigitsOrAnUnknownHashAreRefused() {
        assertThatThrownBy(() -> Totp.code(SHA1_SEED, 1, 10, "HmacSHA1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Totp.code(SHA1_SEED, 1, 0, "HmacSHA1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Totp.code(SHA1_SEED, 1, 6, "HmacNothing"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCodeOfThePreviousTheCurrentAndTheNextStepIsAccepted() {
        long current = Totp.step(NOW);
        for (long step = current - 1; step <= current + 1; step++) {
            assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, step), NOW, current - 10))
                    .isEqualTo(OptionalLong.of(step));
        }
    }

    @Test
    void theCodeOfAStepTwoAwayIsRefused() {
        long current = Totp.step(NOW);
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, current - 2), NOW, current - 10)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, current + 2), NOW, current - 10)).isEmpty();
    }

    @Test
    void aCodeOfAStepAlreadyUsedIsRefused() {
        long current = Totp.step(NOW);
        String code = Totp.code(SHA1_SEED, current);

        assertThat(Totp.matchingStep(SHA1_SEED, code, NOW, current - 1)).isEqualTo(OptionalLong.of(current));
        assertThat(Totp.matchingStep(SHA1_SEED, code, NOW, current)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, current - 1), NOW, current)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, code, NOW, current + 1)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, Totp.code(SHA1_SEED, current + 1), NOW, current))
                .isEqualTo(OptionalLong.of(current + 1));
    }

    @Test
    void spacesInTheTypedCodeAreIgnored() {
        long current = Totp.step(NOW);
        String code = Totp.code(SHA1_SEED, current);

        assertThat(Totp.matchingStep(SHA1_SEED, " " + code.substring(0, 3) + " " + code.substring(3) + "\t", NOW, 0))
                .isEqualTo(OptionalLong.of(current));
    }

    @Test
    void anythingButSixAsciiDigitsIsRefused() {
        long current = Totp.step(NOW);
        String code = Totp.code(SHA1_SEED, current);

        assertThat(Totp.matchingStep(SHA1_SEED, code.substring(1), NOW, 0)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, code + "0", NOW, 0)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, "0" + code, NOW, 0)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, code.substring(0, 5) + "a", NOW, 0)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, code.substring(0, 3) + "-" + code.substring(3), NOW, 0)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, "\u0660\u0661\u0662\u0663\u0664\u0665", NOW, 0)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, "", NOW, 0)).isEmpty();
        assertThat(Totp.matchingStep(SHA1_SEED, null, NOW, 0)).isEmpty();
    }

    @Test
    void theKeyUriNamesIssuerAccountAndEveryParameter() {
        String uri = Totp.otpauthUri("Sunday Digest", "jane doe@example.org", SHA1_SEED);

        assertThat(uri).isEqualTo("otpauth://totp/Sunday%20Digest:jane%20doe%40example.org"
                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Sunday%20Digest&algorithm=SHA1&digits=6&period=30");
        assertThat(URI.create(uri).getScheme()).isEqualTo("otpauth");
        assertThat(Totp.otpauthUri("A&B", "x?y", SHA1_SEED)).startsWith("otpauth://totp/A%26B:x%3Fy?secret=")
                .contains("&issuer=A%26B&");
    }

    @Test
    void base32IsRfc4648WithoutPadding() {
        assertThat(Totp.base32(SHA1_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Totp.base32(new byte[0])).isEmpty();
        assertThat(Totp.base32("f".getBytes(US_ASCII))).isEqualTo("MY");
        assertThat(Totp.base32("fo".getBytes(US_ASCII))).isEqualTo("MZXQ");
        assertThat(Totp.base32("foo".getBytes(US_ASCII))).isEqualTo("MZXW6");
        assertThat(Totp.base32("foob".getBytes(US_ASCII))).isEqualTo("MZXW6YQ");
        assertThat(Totp.base32("fooba".getBytes(US_ASCII))).isEqualTo("MZXW6YTB");
        assertThat(Totp.base32("foobar".getBytes(US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32(new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff }))
                .isEqualTo("77777777");
    }

    @Test
    void base32IsGroupedInFours() {
        assertThat(Totp.grouped("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
                .isEqualTo("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        assertThat(Totp.grouped("MZXW6YTBOI")).isEqualTo("MZXW 6YTB OI");
        assertThat(Totp.grouped("")).isEmpty();
    }

    @Test
    void aNewSecretIsTwentyBytesFromTheGivenGenerator() {
        assertThat(Totp.newSecret(new Random(7))).hasSize(20).isEqualTo(Totp.newSecret(new Random(7)));
        SecureRandom random = new SecureRandom();
        assertThat(Totp.newSecret(random)).hasSize(20).isNotEqualTo(Totp.newSecret(random));
    }

    private static void assertVectors(byte[] seed, String algorithm, List<String> expected) {
        for (int i = 0; i < TIMES.size(); i++) {
            long step = Totp.step(Instant.ofEpochSecond(TIMES.get(i)));
            assertThat(Totp.code(seed, step, 8, algorithm)).as("%s at %d", algorithm, TIMES.get(i))
                    .isEqualTo(expected.get(i));
        }
    }
}
