package org.sundaydigest.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.sundaydigest.common.Hashing;

class RecoveryCodesTest {

    @Test
    void tenDistinctCodesAreMadeInGroupsOfFour() {
        List<String> codes = RecoveryCodes.newCodes(new SecureRandom());

        assertThat(codes).hasSize(10).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[abcdefghjkmnpqrstuvwxyz2-9]{4}(-[abcdefghjkmnpqrstuvwxyz2-9]{4}){2}"));
        assertThat(String.join("", codes)).doesNotContain("0", "o", "1", "l", "i");
    }

    @Test
    void theCodesComeFromTheGivenGenerator() {
        assertThat(RecoveryCodes.newCodes(new Random(3))).isEqualTo(RecoveryCodes.newCodes(new Random(3)));
        assertThat(RecoveryCodes.newCodes(new Random(3)))
                .doesNotContainAnyElementsOf(RecoveryCodes.newCodes(new Random(4)));
    }

    @Test
    void aGeneratorRepeatingItselfStillGivesTenDistinctCodes() {
        RandomGenerator repetitive = new RandomGenerator() {
            private long calls;

            /** Every code twice over: 24 draws of one character, then 24 of the next. */
            @Override
            public int nextInt(int bound) {
                return (int) (calls++ / 24 % bound);
            }

            @Override
            public long nextLong() {
                return calls++;
            }
        };

        assertThat(RecoveryCodes.newCodes(repetitive)).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void typedCodesAreNormalisedToLowerCaseWithoutSpacesOrDashes() {
        assertThat(RecoveryCodes.normalise("ABCD EFGH-JKMN")).isEqualTo("abcdefghjkmn");
        assertThat(RecoveryCodes.normalise(" abcd\t-efgh--jkmn \n")).isEqualTo("abcdefghjkmn");
        assertThat(RecoveryCodes.normalise(null)).isEmpty();
    }

    @Test
    void theHashIgnoresCaseAndDashes() {
        String hash = RecoveryCodes.hash("abcd-efgh-jkmn");

        assertThat(hash).isEqualTo(Hashing.sha256Hex("abcdefghjkmn")).hasSize(64);
        assertThat(RecoveryCodes.hash("ABCD EFGH JKMN")).isEqualTo(hash);
        assertThat(RecoveryCodes.hash("abcdefghjkmn")).isEqualTo(hash);
        assertThat(RecoveryCodes.hash("abcd-efgh-jkmp")).isNotEqualTo(hash);
    }
}
