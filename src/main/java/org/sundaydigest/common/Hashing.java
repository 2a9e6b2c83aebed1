package org.sundaydigest.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, for what is stored hashed (tokens, suppressed addresses) and for fingerprints of content. */
public final class Hashing {

    private Hashing() {
    }

    /** SHA-256 of the text's UTF-8 bytes. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** SHA-256 of the text, hex encoded. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }
}
