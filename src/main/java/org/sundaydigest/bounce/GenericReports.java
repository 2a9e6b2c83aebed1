package org.sundaydigest.bounce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.sundaydigest.common.Hashing;
import org.sundaydigest.web.Problem;
import org.sundaydigest.web.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The service's own webhook ({@code POST /api/webhooks/bounces}) for relays and scripts that are not listed: a body of
 * events signed with HMAC-SHA256 under {@code DIGEST_WEBHOOK_SECRET}. A batch is checked whole before any of it is
 * applied, so a bad event refuses the batch and changes nothing.
 */
final class GenericReports {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");

    private GenericReports() {
    }

    /** Whether the header is {@code sha256=<hex>} of the body's HMAC under the secret, compared in constant time. */
    static boolean signed(byte[] body, String header, String secret) {
        if (header == null || !header.regionMatches(true, 0, "sha256=", 0, 7)) {
            return false;
        }
        byte[] expected = Hashing.hmacSha256Hex(secret, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.substring(7).trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    /** The batch's reports; a problem naming the first field in error when any event is not right. */
    static List<Report> of(byte[] body, int maxEvents) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw ProblemException.invalidField("body", "is not JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw ProblemException.invalidField("body", "is empty");
        }
        JsonNode events = root.get("events");
        if (events == null || !events.isArray()) {
            throw ProblemException.invalidField("events", "must be an array of events");
        }
        if (events.size() > maxEvents) {
            throw ProblemException.invalidField("events", "at most " + maxEvents + " events per call");
        }
        List<Report> reports = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            reports.add(event(events.get(i), "events[" + i + "]."));
        }
        return reports;
    }

    private static Report event(JsonNode event, String at) {
        if (!event.isObject()) {
            throw ProblemException.invalidField(at.substring(0, at.length() - 1), "must be an object");
        }
        String type = text(event, at, "type", true);
        if (!type.equals("bounce") && !type.equals("complaint")) {
            throw ProblemException.invalidField(at + "type", "must be \"bounce\" or \"complaint\"");
        }
        String email = text(event, at, "email", true);
        if (email.length() > 254 || !ADDRESS.matcher(email).matches()) {
            throw ProblemException.invalidField(at + "email", "is not an email address");
        }
        JsonNode permanent = event.get("permanent");
        if (permanent != null && !permanent.isNull() && !permanent.isBoolean()) {
            throw ProblemException.invalidField(at + "permanent", "must be true or false");
        }
        String messageId = text(event, at, "messageId", false);
        String reason = text(event, at, "reason", false);
        String when = text(event, at, "at", false);
        Instant instant = null;
        if (when != null) {
            try {
                instant = Instant.parse(when);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalidField(at + "at",
                        "must be an ISO-8601 instant such as 2026-12-06T08:00:00Z");
            }
        }
        // A bounce is for good unless the mail system says it may pass later.
        Report.Kind kind = type.equals("complaint") ? Report.Kind.COMPLAINT
                : permanent == null || permanent.isNull() || permanent.asBoolean() ? Report.Kind.PERMANENT
                        : Report.Kind.TEMPORARY;
        String key = "webhook:" + Hashing.sha256Hex(String.join("\n", kind.name(), email.toLowerCase(Locale.ROOT),
                String.valueOf(messageId), String.valueOf(when), String.valueOf(reason)));
        return new Report(Report.Source.WEBHOOK, kind, email, null, messageId, reason, instant, key);
    }

    private static String text(JsonNode event, String at, String field, boolean required) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ProblemException.invalidField(at + field, "is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().length() > 1000) {
            throw ProblemException.invalidField(at + field, "must be a string of at most 1000 characters");
        }
        return value.asText();
    }

    /** A refusal of the signature; says nothing of what was expected. */
    static ProblemException unsigned() {
        return new ProblemException(Problem.of(401, "Unauthorized",
                "The X-Digest-Signature header is missing or is not the body's HMAC-SHA256 under the webhook secret."));
    }
}
