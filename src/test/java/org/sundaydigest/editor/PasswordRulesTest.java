package org.sundaydigest.editor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    private static final String NAME = "jane.doe";

    @Test
    void aLongPassphraseOfOrdinaryWordsPasses() {
        assertThat(PasswordRules.problem("plum kettle orbit seventeen", NAME)).isEmpty();
        assertThat(PasswordRules.problem("Tr0ub4dor&3x", NAME)).isEmpty();
    }

    @Test
    void fewerThanTwelveCharactersAreTooFew() {
        assertThat(PasswordRules.problem(null, NAME)).contains("must be at least 12 characters long");
        assertThat(PasswordRules.problem("", NAME)).contains("must be at least 12 characters long");
        assertThat(PasswordRules.problem("kettle orbi", NAME)).contains("must be at least 12 characters long");
        assertThat(PasswordRules.problem("kettle orbit", NAME)).isEmpty();
    }

    @Test
    void charactersAreCountedAsCodePointsNotJavaChars() {
        StringBuilder eleven = new StringBuilder();
        for (int codePoint = 0x1F600; codePoint < 0x1F600 + 11; codePoint++) {
            eleven.appendCodePoint(codePoint);
        }
        assertThat(eleven.length()).isEqualTo(22);

        assertThat(PasswordRules.problem(eleven.toString(), NAME)).contains("must be at least 12 characters long");
        assertThat(PasswordRules.problem(eleven.appendCodePoint(0x1F680).toString(), NAME)).isEmpty();
    }

    @Test
    void moreThanSeventyTwoBytesAreTooManyForBcrypt() {
        String seventyTwo = "\u00df\u00fc\u00f6\u00e4".repeat(9);
        assertThat(seventyTwo.getBytes(UTF_8)).hasSize(72);

        assertThat(PasswordRules.problem(seventyTwo, NAME)).isEmpty();
        assertThat(PasswordRules.problem(seventyTwo + "x", NAME))
                .contains("must be at most 72 bytes long (bcrypt reads no further)");
        assertThat(PasswordRules.problem("plum kettle orbit seventeen ".repeat(3), NAME))
                .contains("must be at most 72 bytes long (bcrypt reads no further)");
    }

    @Test
    void theAccountsNameIsRefusedWhereverItIsAndHoweverItIsWritten() {
        String expected = "must not contain the account's name";
        assertThat(PasswordRules.problem("jane.doe.editor", "jane.doe.editor")).contains(expected);
        assertThat(PasswordRules.problem("my JANE.DOE password", NAME)).contains(expected);
        assertThat(PasswordRules.problem("plum kettle jane.doe", " Jane.Doe ")).contains(expected);
        assertThat(PasswordRules.problem("plum kettle orbit seventeen", "orbit")).contains(expected);
    }

    @Test
    void aNameOfFewerThanThreeCharactersIsNotLookedFor() {
        assertThat(PasswordRules.problem("always all alone now", "al")).isEmpty();
        assertThat(PasswordRules.problem("plum kettle orbit seventeen", "")).isEmpty();
        assertThat(PasswordRules.problem("plum kettle orbit seventeen", null)).isEmpty();
    }

    @Test
    void aCommonPasswordIsRefusedWhateverItsCase() {
        String expected = "is one of the most common passwords; choose another";
        for (String common : new String[] { "123456789012", "Password1234", "QWERTYUIOP123", "1q2w3e4r5t6y",
                "iloveyou1234", "SundayDigest", "sundaydigest1", "administrator", "Summer2024!!" }) {
            assertThat(PasswordRules.problem(common, NAME)).as(common).contains(expected);
        }
    }

    @Test
    void oneCharacterRepeatedIsRefusedHoweverLong() {
        Optional<String> expected = Optional.of("is one of the most common passwords; choose another");
        assertThat(PasswordRules.problem("z".repeat(17), NAME)).isEqualTo(expected);
        assertThat(PasswordRules.problem("\uD83D\uDE42".repeat(12), NAME)).isEqualTo(expected);
        assertThat(PasswordRules.problem("z".repeat(16) + "y", NAME)).isEmpty();
    }

    @Test
    void everyListedPasswordIsLongEnoughToMatterAndShortEnoughToBeTyped() {
        assertThat(PasswordRules.commonPasswords()).hasSizeGreaterThan(200)
                .allMatch(password -> password.codePointCount(0, password.length()) >= 12, "at least 12 characters")
                .allMatch(password -> password.getBytes(UTF_8).length <= 72, "at most 72 bytes")
                .allMatch(password -> password.equals(password.toLowerCase(Locale.ROOT)), "lower case")
                .noneMatch(password -> password.startsWith("#"));
    }
}
