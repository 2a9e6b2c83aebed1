package org.sundaydigest.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.sundaydigest.bounce.ProviderJson.instant;
import static org.sundaydigest.bounce.ProviderJson.join;
import static org.sundaydigest.bounce.ProviderJson.text;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.sundaydigest.bounce.Report.Kind;
import org.sundaydigest.bounce.Report.Source;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Postmark's bounce and spam complaint webhooks, one JSON object per call. Postmark signs nothing; it sends the basic
 * credentials written into the webhook's URL, which {@link #authorized} checks.
 */
final class PostmarkReports {

    /** Bounce types that say the address will never take mail. */
    private static final Set<String> PERMANENT = Set.of("HardBounce", "BadEmailAddress");
    /**
     * Bounce types that may clear up. Blocked is an ISP refusing the sender, not the reader's address. The rest
     * (auto-responders, subscription requests, challenges, virus and spam notices, deactivation by Postmark itself) say
     * nothing about the address and are ignored.
     */
    private static final Set<String> TEMPORARY = Set.of("SoftBounce", "Transient", "DnsError", "Blocked");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private PostmarkReports() {
    }

    /**
     * The report in one webhook call: a bounce of a type that counts, or a spam complaint; nothing for deliveries,
     * opens, clicks and subscription changes. Postmark's MessageID is its own id, not the Message-ID header the service
     * sent, so the reports carry none.
     */
    static List<Report> of(byte[] body) throws WebhookRefused {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw WebhookRefused.malformed("The Postmark webhook is not JSON.");
        }
        if (root == null || !root.isObject()) {
            throw WebhookRefused.malformed("The Postmark webhook is not a JSON object.");
        }
        String recordType = text(root, "RecordType");
        String type = text(root, "Type");
        Kind kind;
        if ("SpamComplaint".equals(recordType)) {
            kind = Kind.COMPLAINT;
        } else if ("Bounce".equals(recordType) && type != null) {
            kind = PERMANENT.contains(type) ? Kind.PERMANENT : TEMPORARY.contains(type) ? Kind.TEMPORARY : null;
        } else {
            kind = null;
        }
        String email = text(root, "Email");
        if (kind == null || email == null || email.isBlank()) {
            return List.of();
        }
        String reason = join(": ", type == null ? recordType : type,
                join(" ", text(root, "Description"), text(root, "Details")));
        return List.of(new Report(Source.POSTMARK, kind, email, null, null, reason, instant(text(root, "BouncedAt")),
                "postmark:" + id(root)));
    }

    /**
     * Whether an Authorization header carries these basic credentials. Both halves are compared, in time that does not
     * depend on where they differ, before the answers are combined, so that timing tells neither which half was wrong
     * nor how much of it was right. Unset credentials authorize nothing.
     */
    static boolean authorized(String authorizationHeader, String user, String password) {
        if (authorizationHeader == null || user == null || user.isEmpty() || password == null || password.isEmpty()) {
            return false;
        }
        String header = authorizationHeader.strip();
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(header.substring(6).strip()), UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean userMatches = same(credentials.substring(0, colon), user);
        boolean passwordMatches = same(credentials.substring(colon + 1), password);
        return userMatches & passwordMatches;
    }

    /**
     * Equal texts, compared as SHA-256 digests: {@link MessageDigest#isEqual} takes the same time for any two digests,
     * and the digests are of one length whatever the texts' lengths.
     */
    private static boolean same(String given, String expected) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] givenDigest = sha256.digest(given.getBytes(UTF_8));
            return MessageDigest.isEqual(givenDigest, sha256.digest(expected.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Postmark's ID is a number; it names the event, so every repeat of one call has the same key. */
    private static String id(JsonNode root) throws WebhookRefused {
        JsonNode id = root.path("ID");
        String text = id.isIntegralNumber() || id.isTextual() ? id.asText().strip() : "";
        if (text.isEmpty()) {
            throw WebhookRefused.malformed("The Postmark webhook lacks its ID.");
        }
        return text;
    }
}
