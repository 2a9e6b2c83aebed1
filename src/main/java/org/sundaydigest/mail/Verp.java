package org.sundaydigest.mail;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variable envelope return paths: each copy of a digest is sent with the envelope sender {@code bounces+<id>@domain},
 * where {@code bounces@domain} is the bounce address and the id is the keyed part of the copy's Message-ID, so that a
 * bounce names the copy it is about even when it quotes nothing of it. The id is an HMAC: it reveals nothing, and one
 * reader's cannot be turned into another's.
 */
public final class Verp {

    private static final Pattern KEYED = Pattern.compile("<digest\\.([0-9a-f]{40})@[^>]+>");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{40}");

    private Verp() {
    }

    /** The envelope sender of a copy with this Message-ID; the plain bounce address when the id is not a keyed one. */
    public static String address(String bounceAddress, String messageId) {
        Matcher keyed = KEYED.matcher(messageId == null ? "" : messageId);
        int at = bounceAddress.lastIndexOf('@');
        if (!keyed.matches() || at <= 0) {
            return bounceAddress;
        }
        return bounceAddress.substring(0, at) + "+" + keyed.group(1) + bounceAddress.substring(at);
    }

    /**
     * The id in an address that is the bounce address with one (case-insensitively, as some mail systems change the
     * case of what they return), or empty.
     */
    public static Optional<String> idIn(String address, String bounceAddress) {
        if (address == null || bounceAddress == null) {
            return Optional.empty();
        }
        String bare = address.trim().toLowerCase(Locale.ROOT);
        if (bare.startsWith("<") && bare.endsWith(">")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        String base = bounceAddress.trim().toLowerCase(Locale.ROOT);
        int at = base.lastIndexOf('@');
        int bareAt = bare.lastIndexOf('@');
        if (at <= 0 || bareAt <= 0 || !bare.substring(bareAt).equals(base.substring(at))) {
            return Optional.empty();
        }
        String local = bare.substring(0, bareAt);
        String prefix = base.substring(0, at) + "+";
        if (!local.startsWith(prefix)) {
            return Optional.empty();
        }
        String id = local.substring(prefix.length());
        return ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /** The Message-ID a copy with this VERP id carries, on the given domain. */
    public static String messageId(String verpId, String domain) {
        return "<digest." + verpId + "@" + domain + ">";
    }
}
