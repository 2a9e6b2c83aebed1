package org.sundaydigest.bounce;

import static org.sundaydigest.bounce.ProviderJson.instant;
import static org.sundaydigest.bounce.ProviderJson.join;
import static org.sundaydigest.bounce.ProviderJson.text;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sundaydigest.bounce.Report.Kind;
import org.sundaydigest.bounce.Report.Source;
import org.sundaydigest.bounce.SnsMessages.SnsMessage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Amazon SES bounce and complaint notifications, read from the Message of an SNS notification whose signature has been
 * checked. Both forms SES sends are read: identity notifications ({@code notificationType}) and event publishing
 * ({@code eventType}); their bounce and complaint objects are the same.
 */
final class SesReports {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SesReports() {
    }

    /**
     * One report per recipient of a bounce or complaint; nothing for deliveries, sends, opens and the rest. A recipient
     * without an address is skipped.
     */
    static List<Report> of(SnsMessage notification) throws WebhookRefused {
        JsonNode root;
        try {
            root = notification.message() == null ? null : JSON.readTree(notification.message());
        } catch (IOException e) {
            throw WebhookRefused.malformed("The SES notification is not JSON.");
        }
        if (root == null || !root.isObject()) {
            throw WebhookRefused.malformed("The SES notification is not a JSON object.");
        }
        String type = text(root, "notificationType");
        if (type == null) {
            type = text(root, "eventType");
        }
        if ("Bounce".equals(type)) {
            return bounces(root, notification.messageId());
        }
        if ("Complaint".equals(type)) {
            return complaints(root, notification.messageId());
        }
        return List.of();
    }

    /**
     * A permanent bounce is PERMANENT; transient, undetermined and any type SES may add later are TEMPORARY, the kind
     * that needs repeating before it costs a reader the subscription.
     */
    private static List<Report> bounces(JsonNode root, String snsMessageId) throws WebhookRefused {
        JsonNode bounce = object(root, "bounce");
        String bounceType = text(bounce, "bounceType");
        Kind kind = "Permanent".equals(bounceType) ? Kind.PERMANENT : Kind.TEMPORARY;
        String general = join("/", bounceType, text(bounce, "bounceSubType"));
        String key = eventKey(bounce, snsMessageId);
        Instant at = instant(text(bounce, "timestamp"));
        String messageId = messageId(root);
        List<Report> reports = new ArrayList<>();
        for (JsonNode recipient : array(bounce, "bouncedRecipients")) {
            String email = text(recipient, "emailAddress");
            if (email != null && !email.isBlank()) {
                String reason = join(" ", text(recipient, "status"), text(recipient, "diagnosticCode"));
                reports.add(new Report(Source.SES, kind, email, null, messageId, reason == null ? general : reason, at,
                        key + ":" + email.strip().toLowerCase(Locale.ROOT)));
            }
        }
        return reports;
    }

    private static List<Report> complaints(JsonNode root, String snsMessageId) throws WebhookRefused {
        JsonNode complaint = object(root, "complaint");
        String feedbackType = text(complaint, "complaintFeedbackType");
        String reason = feedbackType == null || feedbackType.isBlank() ? "complaint" : "complaint: " + feedbackType;
        String key = eventKey(complaint, snsMessageId);
        Instant at = instant(text(complaint, "timestamp"));
        String messageId = messageId(root);
        List<Report> reports = new ArrayList<>();
        for (JsonNode recipient : array(complaint, "complainedRecipients")) {
            String email = text(recipient, "emailAddress");
            if (email != null && !email.isBlank()) {
                reports.add(new Report(Source.SES, Kind.COMPLAINT, email, null, messageId, reason, at,
                        key + ":" + email.strip().toLowerCase(Locale.ROOT)));
            }
        }
        return reports;
    }

    /** SES's feedback id names the event across deliveries; the SNS message id stands in when it is missing. */
    private static String eventKey(JsonNode event, String snsMessageId) throws WebhookRefused {
        String feedbackId = text(event, "feedbackId");
        String id = feedbackId == null || feedbackId.isBlank() ? snsMessageId : feedbackId;
        if (id == null || id.isBlank()) {
            throw WebhookRefused.malformed("The SES notification has neither a feedback id nor a message id.");
        }
        return "ses:" + id.strip();
    }

    /**
     * The Message-ID the service sent the message with, from the original headers (present when the identity is set to
     * include them). {@code mail.messageId} is SES's own id and names nothing the service knows, so it is not used.
     */
    private static String messageId(JsonNode root) {
        JsonNode headers = root.path("mail").path("headers");
        if (!headers.isArray()) {
            return null;
        }
        for (JsonNode header : headers) {
            String name = text(header, "name");
            String value = text(header, "value");
            if (name != null && name.strip().equalsIgnoreCase("Message-ID") && value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static JsonNode object(JsonNode root, String name) throws WebhookRefused {
        JsonNode value = root.get(name);
        if (value == null || !value.isObject()) {
            throw WebhookRefused.malformed("The SES notification lacks its " + name + " object.");
        }
        return value;
    }

    private static JsonNode array(JsonNode event, String name) throws WebhookRefused {
        JsonNode value = event.get(name);
        if (value == null || !value.isArray()) {
            throw WebhookRefused.malformed("The SES notification lacks its list " + name + ".");
        }
        return value;
    }
}
