package org.sundaydigest.editor;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.sundaydigest.common.TokenGenerator;

/**
 * API tokens: what HTTP Basic takes instead of the password of an account with a second factor (and may take for any
 * account), so that a script never holds the password. A token is {@value #PREFIX} and 256 random bits.
 */
final class ApiTokens {

    static final String PREFIX = "sdt_";
    /** A token's last use is written at most this often, not on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(5);

    private ApiTokens() {
    }

    static String newValue(TokenGenerator tokens) {
        return PREFIX + tokens.newToken();
    }

    static boolean looksLikeToken(String typed) {
        return typed.startsWith(PREFIX) && typed.length() >= PREFIX.length() + 40;
    }

    /** Whether the value is one of the account's tokens; notes when it was used. */
    static boolean use(long editorId, String typed, Instant now) {
        Optional<EditorCredential> token = EditorCredential.token(editorId, typed);
        token.filter(t -> t.usedAt == null || t.usedAt.isBefore(now.minus(TOUCH_EVERY))).ifPresent(t -> t.used(now));
        return token.isPresent();
    }
}
