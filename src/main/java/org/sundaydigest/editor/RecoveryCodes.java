package org.sundaydigest.editor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.sundaydigest.common.Hashing;

/**
 * One-use codes for an editor who has lost the phone with the authenticator. They are shown once and stored hashed
 * only. Twelve characters from an alphabet of 31 give about 59 bits each, far beyond guessing through a throttled
 * sign-in form, which is why a fast hash is enough; the alphabet leaves out 0/o, 1/l/i, which look alike when read back
 * from paper.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int LENGTH = 12;
    private static final int GROUP = 4;

    private RecoveryCodes() {
    }

    /** Ten distinct codes as shown to the editor, {@code xxxx-xxxx-xxxx}; pass a SecureRandom. */
    static List<String> newCodes(RandomGenerator random) {
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < COUNT) {
            StringBuilder code = new StringBuilder(LENGTH + LENGTH / GROUP);
            for (int i = 0; i < LENGTH; i++) {
                if (i > 0 && i % GROUP == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return List.copyOf(codes);
    }

    /** The code as typed, the way it is hashed: case, spaces and dashes are how people copy codes, not part of them. */
    static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        return typed.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "");
    }

    /** What is stored for a code, and what a typed code is looked up by. */
    static String hash(String typed) {
        return Hashing.sha256Hex(normalise(typed));
    }
}
