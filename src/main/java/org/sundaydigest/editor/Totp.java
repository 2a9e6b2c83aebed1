package org.sundaydigest.editor;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) with the parameters every authenticator app assumes when a QR code says
 * nothing else: HMAC-SHA1, six digits, thirty-second steps. The algorithm is a dozen lines over javax.crypto, pinned
 * down by the RFC's own test vectors, so it is written here rather than taken from a library.
 */
final class Totp {

    static final int STEP_SECONDS = 30;
    static final int DIGITS = 6;
    static final String ALGORITHM = "HmacSHA1";
    static final int SECRET_BYTES = 20;

    /** Steps either side of now that are still accepted, for a phone whose clock is a little off. */
    private static final int DRIFT_STEPS = 1;
    private static final String BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {
    }

    /**
     * The code for one step, zero-padded to the given number of digits. Ten digits and more are refused: RFC 4226
     * truncates to 31 bits, so a tenth digit would not be uniformly distributed (and would not fit in an int).
     */
    static String code(byte[] secret, long step, int digits, String hmacAlgorithm) {
        if (digits < 1 || digits > 9) {
            throw new IllegalArgumentException("a one-time password has 1 to 9 digits, not " + digits);
        }
        byte[] hash = hmac(secret, ByteBuffer.allocate(Long.BYTES).putLong(step).array(), hmacAlgorithm);
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        int modulus = 1;
        for (int i = 0; i < digits; i++) {
            modulus *= 10;
        }
        String code = Integer.toString(binary % modulus);
        return "0".repeat(digits - code.length()) + code;
    }

    /** The six-digit HMAC-SHA1 code for one step, as an authenticator app shows it. */
    static String code(byte[] secret, long step) {
        return code(secret, step, DIGITS, ALGORITHM);
    }

    /** The step an instant falls in, counted from the epoch (T0 = 0). */
    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /**
     * The step whose code was typed, or empty. Only a step after {@code lastUsedStep} counts, so that a code seen over
     * someone's shoulder, or replayed from a proxy log, is worth nothing once it has been used; the caller stores the
     * step returned. Every candidate is computed and compared in constant time, so the timing says nothing about which
     * step, if any, came close.
     */
    static OptionalLong matchingStep(byte[] secret, String typed, Instant now, long lastUsedStep) {
        if (typed == null) {
            return OptionalLong.empty();
        }
        String normalised = typed.replaceAll("\\s+", "");
        if (!isCodeShaped(normalised)) {
            return OptionalLong.empty();
        }
        byte[] typedBytes = normalised.getBytes(US_ASCII);
        long current = step(now);
        long matched = Long.MIN_VALUE;
        for (long candidate = current - DRIFT_STEPS; candidate <= current + DRIFT_STEPS; candidate++) {
            boolean equal = MessageDigest.isEqual(code(secret, candidate).getBytes(US_ASCII), typedBytes);
            if (equal && candidate > lastUsedStep && matched == Long.MIN_VALUE) {
                matched = candidate;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /**
     * The Key URI an authenticator app reads from the QR code. The issuer is given twice, in the label and as a
     * parameter, because older apps read only the one and newer ones the other; the parameters that are defaults anyway
     * are spelled out because some apps mishandle their absence.
     */
    static String otpauthUri(String issuer, String account, byte[] secret) {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + base32(secret) + "&issuer="
                + encode(issuer) + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    /** RFC 4648 base32 without padding: authenticator apps take a secret typed in by hand in no other form. */
    static String base32(byte[] secret) {
        StringBuilder out = new StringBuilder((secret.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : secret) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32_ALPHABET.charAt((buffer >>> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32_ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }

    /** Base32 in groups of four, because thirty-two letters in one run are easy to mistype. */
    static String grouped(String base32) {
        StringBuilder out = new StringBuilder(base32.length() + base32.length() / 4);
        for (int i = 0; i < base32.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(base32, i, Math.min(i + 4, base32.length()));
        }
        return out.toString();
    }

    /** A new secret of 160 bits, the HMAC-SHA1 block size RFC 4226 recommends; pass a SecureRandom. */
    static byte[] newSecret(RandomGenerator random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    private static boolean isCodeShaped(String code) {
        if (code.length() != DIGITS) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Percent-encoding for a URI path or query, where a space is %20: some apps show a + literally. */
    private static String encode(String text) {
        return URLEncoder.encode(text, UTF_8).replace("+", "%20");
    }

    private static byte[] hmac(byte[] key, byte[] data, String algorithm) {
        Mac mac;
        try {
            mac = Mac.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("no such HMAC: " + algorithm, e);
        }
        try {
            mac.init(new SecretKeySpec(key, algorithm));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable " + algorithm + " key", e);
        }
        return mac.doFinal(data);
    }
}
