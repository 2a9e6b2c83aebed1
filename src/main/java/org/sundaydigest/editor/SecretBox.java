package org.sundaydigest.editor;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import java.util.random.RandomGenerator;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.sundaydigest.common.Hashing;

/**
 * Seals TOTP secrets before they are stored, so that a copy of the database (a backup, a dump sent for support) does
 * not also hand over everyone's second factor: unlike a password, a TOTP secret cannot be stored hashed, because the
 * server has to compute codes from it. AES-256-GCM both hides and authenticates, so a secret swapped in the database
 * for one an attacker knows is refused rather than trusted. The "v1:" prefix leaves room for another scheme or key.
 */
final class SecretBox {

    private static final String PREFIX = "v1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String KEY_CONTEXT = "sunday-digest totp secrets\n";
    private static final int KEY_BYTES = 32;
    /** The IV length GCM is specified for; longer ones are hashed down, which gains nothing. */
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final RandomGenerator random;

    /**
     * A box sealing under this key. The generator makes the IVs, and GCM loses its security if an IV ever repeats under
     * one key, so it must be a SecureRandom outside tests.
     */
    SecretBox(byte[] key32, RandomGenerator random) {
        if (key32 == null || key32.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        }
        this.key = new SecretKeySpec(key32, "AES");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * A box whose key is derived from a configured passphrase. A plain hash rather than a slow key-derivation function,
     * because the passphrase is meant to be a long random value from the deployment's secrets, not something a person
     * chose; the context string keeps this key apart from anything else derived from the same passphrase.
     */
    static SecretBox fromPassphrase(String passphrase, RandomGenerator random) {
        if (passphrase == null || passphrase.isBlank()) {
            throw new IllegalArgumentException("no passphrase for sealing TOTP secrets is configured");
        }
        return new SecretBox(Hashing.sha256(KEY_CONTEXT + passphrase), random);
    }

    /** The secret sealed under a fresh IV, as text for a database column. */
    String seal(byte[] plain) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            sealed = cipher.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES-256-GCM", e);
        }
        byte[] joined = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(joined);
    }

    /**
     * The secret, or an IllegalArgumentException when the text was not sealed by this key or was changed since. The
     * messages name the failure only, never the text, so that they can be logged.
     */
    byte[] open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a sealed secret of version 1");
        }
        byte[] joined;
        try {
            joined = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a sealed secret that is not base64url");
        }
        if (joined.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("a sealed secret too short to hold an IV and a tag");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, joined, 0, IV_BYTES));
            return cipher.doFinal(joined, IV_BYTES, joined.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("a sealed secret that was changed, or sealed under another key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES-256-GCM", e);
        }
    }
}
