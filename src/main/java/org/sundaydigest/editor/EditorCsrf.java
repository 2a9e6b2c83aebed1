package org.sundaydigest.editor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sundaydigest.common.Hashing;

/**
 * The editors' pages' CSRF tokens (synchronizer tokens): a token is the HMAC-SHA256, under a server key, of the
 * signed-in editor's name and a random value kept in that browser's {@value #COOKIE} cookie. A forged cross-site form
 * has neither the cookie's value nor the key, so it cannot carry a valid token; a token is useless to another editor or
 * browser. The key is derived from the session encryption key, so that every instance accepts the tokens of the others;
 * without one (only possible outside prod) it is random per process.
 */
@ApplicationScoped
public class EditorCsrf {

    /** The cookie holding the browser's random value. */
    public static final String COOKIE = "editor-csrf";
    /** The hidden form field carrying the token. */
    public static final String FIELD = "csrf";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    EditorCsrf(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        this.key = sessionKey.filter(k -> !k.isBlank()).map(k -> Hashing.sha256("sunday-digest editor csrf\n" + k))
                .orElseGet(() -> {
                    byte[] random = new byte[32];
                    RANDOM.nextBytes(random);
                    return random;
                });
    }

    /** A fresh random value for a browser's cookie. */
    public static String newBrowserValue() {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        return BASE64URL.encodeToString(value);
    }

    /** Whether a cookie value looks like one this class made (43 base64url characters). */
    public static boolean wellFormed(String browserValue) {
        return browserValue != null && browserValue.matches("[A-Za-z0-9_-]{43}");
    }

    public String tokenFor(String user, String browserValue) {
        return BASE64URL
                .encodeToString(Hashing.hmacSha256(key, (user + "\n" + browserValue).getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether the token was made for this editor and browser; compared in constant time. */
    public boolean valid(String user, String browserValue, String token) {
        if (user == null || !wellFormed(browserValue) || token == null || token.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(user, browserValue).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
