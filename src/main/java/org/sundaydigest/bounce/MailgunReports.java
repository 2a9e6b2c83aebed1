package org.sundaydigest.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.sundaydigest.bounce.ProviderJson.text;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.sundaydigest.bounce.Report.Kind;
import org.sundaydigest.bounce.Report.Source;
import org.sundaydigest.common.Hashing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Mailgun's webhooks: one JSON object per event, with a signature block beside the event data. Mailgun signs only the
 * timestamp and a random token, not the event: the signature proves the call came from Mailgun recently, and the caller
 * remembers the {@link #token} to refuse a replay inside the window.
 */
final class MailgunReports {

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private MailgunReports() {
    }

    /** The JSON object in a request body. */
    static JsonNode parse(byte[] body) throws WebhookRefused {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw WebhookRefused.malformed("The Mailgun webhook is not JSON.");
        }
        if (root == null || !root.isObject()) {
            throw WebhookRefused.malformed("The Mailgun webhook is not a JSON object.");
        }
        return root;
    }

    /**
     * Refuses a call whose signature is not the HMAC-SHA256 of timestamp and token under the signing key, or whose
     * timestamp is more than {@code window} away from now in either direction.
     */
    static void verify(JsonNode root, String signingKey, Instant now, Duration window) throws WebhookRefused {
        JsonNode block = root == null ? null : root.get("signature");
        String timestamp = text(block, "timestamp");
        String token = text(block, "token");
        String signature = text(block, "signature");
        if (timestamp == null || token == null || signature == null) {
            throw WebhookRefused.malformed("The Mailgun webhook lacks its signature block.");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw WebhookRefused.malformed("The Mailgun timestamp is not a number.");
        }
        if (signingKey == null || signingKey.isEmpty()) {
            throw WebhookRefused.unauthorized("No Mailgun signing key is configured.");
        }
        byte[] expected = Hashing.hmacSha256Hex(signingKey, (timestamp + token).getBytes(UTF_8)).getBytes(UTF_8);
        if (!MessageDigest.isEqual(signature.strip().toLowerCase(Locale.ROOT).getBytes(UTF_8), expected)) {
            throw WebhookRefused.unauthorized("The Mailgun signature does not match.");
        }
        try {
            if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(window) <= 0) {
                return;
            }
        } catch (DateTimeException | ArithmeticException e) {
            // a time no clock shows: refused below
        }
        throw WebhookRefused.unauthorized("The Mailgun timestamp is outside the replay window.");
    }

    /** The signature's random token: the same call replayed carries the same one. */
    static String token(JsonNode root) throws WebhookRefused {
        String token = text(root == null ? null : root.get("signature"), "token");
        if (token == null || token.isBlank()) {
            throw WebhookRefused.malformed("The Mailgun webhook lacks its token.");
        }
        return token;
    }

    /**
     * The report in an event: a permanent or temporary failure, or a complaint; nothing for deliveries, opens, clicks
     * and the rest, nor for a failure of a severity Mailgun has not documented.
     */
    static List<Report> of(JsonNode root) throws WebhookRefused {
        JsonNode data = root == null ? null : root.get("event-data");
        if (data == null || !data.isObject()) {
            throw WebhookRefused.malformed("The Mailgun webhook lacks its event data.");
        }
        String event = text(data, "event");
        String severity = text(data, "severity");
        Kind kind = null;
        if ("failed".equals(event) && "permanent".equals(severity)) {
            kind = Kind.PERMANENT;
        } else if ("failed".equals(event) && "temporary".equals(severity)) {
            kind = Kind.TEMPORARY;
        } else if ("complained".equals(event)) {
            kind = Kind.COMPLAINT;
        }
        String email = text(data, "recipient");
        if (kind == null || email == null || email.isBlank()) {
            return List.of();
        }
        String id = text(data, "id");
        if (id == null || id.isBlank()) {
            throw WebhookRefused.malformed("The Mailgun event lacks its id.");
        }
        JsonNode status = data.path("delivery-status");
        JsonNode code = status.path("code");
        String words = firstNotBlank(text(status, "description"), text(status, "message"), text(data, "reason"));
        String reason = firstNotBlank(code.isNumber() || code.isTextual() ? code.asText() : null);
        reason = reason == null ? words : words == null ? reason : reason + " " + words;
        String messageId = text(data.path("message").path("headers"), "message-id");
        return List.of(new Report(Source.MAILGUN, kind, email, null, messageId, reason, instant(data.get("timestamp")),
                "mailgun:" + id.strip()));
    }

    /**
     * Seconds since the epoch with a fraction, as Mailgun gives them (a number, read exactly; or text); null when odd.
     * The size is bounded before any arithmetic: a number like {@code 1e-999999999} would cost a division by a
     * billion-digit power of ten.
     */
    private static Instant instant(JsonNode timestamp) {
        try {
            BigDecimal seconds = timestamp == null ? null
                    : timestamp.isNumber() ? timestamp.decimalValue()
                            : timestamp.isTextual() && timestamp.textValue().length() <= 40
                                    ? new BigDecimal(timestamp.textValue().strip()) : null;
            if (seconds == null || seconds.scale() > 18 || seconds.precision() - seconds.scale() > 18) {
                return null;
            }
            BigInteger[] parts = seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).toBigInteger()
                    .divideAndRemainder(NANOS_PER_SECOND);
            return Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValue());
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            return null;
        }
    }

    private static String firstNotBlank(String... texts) {
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                return text.strip();
            }
        }
        return null;
    }
}
