package org.sundaydigest.mail;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.Hashing;

/**
 * Message-IDs, all on the domain of {@code DIGEST_FROM} (RFC 5322 asks for a domain the sender controls, and a
 * {@code localhost} one looks like spam). A keyed id is an HMAC of what it names under a key derived from the service's
 * secret: the same for every attempt at one reader's copy, so a repeat after a crash is recognised, while it reveals
 * neither a database id nor how many readers there are.
 */
@ApplicationScoped
public class MessageIds {

    private final String domain;
    private final byte[] key;

    @Inject
    MessageIds(DigestConfig config,
            @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> secret) {
        this.domain = domainOf(config.from());
        // Without a secret the ids could be recomputed from public data, and so reveal readers' ids.
        byte[] base = secret.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "No secret for the Message-IDs: set QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY, or let the service"
                        + " keep one in the database (it could not be read at start-up)."))
                .getBytes(StandardCharsets.UTF_8);
        this.key = Hashing.hmacSha256(base, "message-id".getBytes(StandardCharsets.UTF_8));
    }

    /** A new id, for a message that is never sent again as the same message. */
    public String random(String kind) {
        return "<" + kind + "." + UUID.randomUUID() + "@" + domain + ">";
    }

    /** The id of what {@code name} names, the same every time. */
    public String keyed(String kind, String name) {
        return "<" + kind + "." + HexFormat.of().formatHex(hmac(key, name), 0, 20) + "@" + domain + ">";
    }

    /** The domain on the right of every id. */
    public String domain() {
        return domain;
    }

    static String domainOf(String from) {
        try {
            String address = new InternetAddress(from, false).getAddress();
            int at = address == null ? -1 : address.lastIndexOf('@');
            return at < 0 || at == address.length() - 1 ? "localhost" : address.substring(at + 1).toLowerCase();
        } catch (AddressException e) {
            return "localhost";
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        return Hashing.hmacSha256(key, text.getBytes(StandardCharsets.UTF_8));
    }
}
