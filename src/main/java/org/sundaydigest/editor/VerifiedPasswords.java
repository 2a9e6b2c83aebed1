package org.sundaydigest.editor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.sundaydigest.common.Hashing;

import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * Remembers, in this process only, which name and password matched which stored bcrypt hash, so that a script calling
 * the API with Basic credentials does not cost a bcrypt hash (cost 12) per request. What is kept is an HMAC of the
 * credentials under a key made at start-up, never the password; the stored hash is compared on every request, so a
 * changed password is refused at once.
 */
final class VerifiedPasswords {

    private static final int MAX_ENTRIES = 1000;

    private final byte[] key = new byte[32];
    private final Map<String, String> storedHashByCredentials = new ConcurrentHashMap<>();

    VerifiedPasswords() {
        new SecureRandom().nextBytes(key);
    }

    boolean matches(String username, char[] password, String storedHash) {
        String credentials = mac(username, password);
        String known = storedHashByCredentials.get(credentials);
        if (known != null && MessageDigest.isEqual(known.getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII))) {
            return true;
        }
        if (!BcryptUtil.matches(new String(password), storedHash)) {
            return false;
        }
        if (storedHashByCredentials.size() >= MAX_ENTRIES) {
            storedHashByCredentials.clear();
        }
        storedHashByCredentials.put(credentials, storedHash);
        return true;
    }

    private String mac(String username, char[] password) {
        return java.util.HexFormat.of().formatHex(
                Hashing.hmacSha256(key, (username + "\u0000" + new String(password)).getBytes(StandardCharsets.UTF_8)));
    }
}
