package org.sundaydigest.editor;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new editor password must be, after NIST SP 800-63B: long enough, not the account's own name, not on a list of
 * passwords attackers try first, and no composition rules (they make passwords harder to remember, not to guess). The
 * messages complete the sentence "The password …", for showing next to the form field.
 */
final class PasswordRules {

    static final int MIN_CHARACTERS = 12;
    /** bcrypt ignores every byte after the 72nd, so a longer password would be checked only in part. */
    static final int MAX_BYTES = 72;
    /** A shorter name would refuse too many good passwords that merely contain two or three common letters. */
    private static final int MIN_NAME_TO_CHECK = 3;

    static final String TOO_SHORT = "must be at least 12 characters long";
    static final String TOO_LONG = "must be at most 72 bytes long (bcrypt reads no further)";
    static final String CONTAINS_NAME = "must not contain the account's name";
    static final String COMMON = "is one of the most common passwords; choose another";

    private static final String LIST = "/editor/common-passwords.txt";

    private PasswordRules() {
    }

    /** What is wrong with the password for this account, or empty when nothing is. */
    static Optional<String> problem(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            return Optional.of(TOO_SHORT);
        }
        if (password.getBytes(UTF_8).length > MAX_BYTES) {
            return Optional.of(TOO_LONG);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (name.codePointCount(0, name.length()) >= MIN_NAME_TO_CHECK && lower.contains(name)) {
            return Optional.of(CONTAINS_NAME);
        }
        if (password.codePoints().distinct().count() == 1 || Common.PASSWORDS.contains(lower)) {
            return Optional.of(COMMON);
        }
        return Optional.empty();
    }

    /** The list of common passwords, lower case, for tests that check the list itself. */
    static Set<String> commonPasswords() {
        return Common.PASSWORDS;
    }

    /** Loads the list on first use only, so that starting the application does not pay for it. */
    private static final class Common {

        static final Set<String> PASSWORDS = load();

        private static Set<String> load() {
            try (InputStream in = PasswordRules.class.getResourceAsStream(LIST)) {
                if (in == null) {
                    throw new IllegalStateException("the list of common passwords is missing: " + LIST);
                }
                Set<String> passwords = new HashSet<>();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String password = line.strip();
                    if (!password.isEmpty() && !password.startsWith("#")) {
                        passwords.add(password.toLowerCase(Locale.ROOT));
                    }
                }
                return Set.copyOf(passwords);
            } catch (IOException e) {
                throw new IllegalStateException("the list of common passwords cannot be read: " + LIST, e);
            }
        }
    }
}
