package org.sundaydigest.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Makes the random tokens put in links, and hashes the ones that are stored hashed. */
@FunctionalInterface
public interface TokenGenerator {

    /** A new URL-safe token with at least 128 random bits. */
    String newToken();

    static TokenGenerator secureRandom() {
        SecureRandom random = new SecureRandom();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return () -> {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return encoder.encodeToString(bytes);
        };
    }

    /** Compares two secrets in time that does not depend on where they differ. */
    static boolean sameSecret(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
