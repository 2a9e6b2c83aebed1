package org.sundaydigest.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.sundaydigest.bounce.ProviderJson.text;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.sundaydigest.bounce.Report.Kind;
import org.sundaydigest.bounce.Report.Source;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * SendGrid's Signed Event Webhook: a JSON array of events per call, signed with ECDSA over the timestamp header
 * followed by the raw body. One odd event in a batch is skipped rather than refusing the batch, since SendGrid would
 * send the whole batch again, good events and odd one alike.
 */
final class SendGridReports {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SendGridReports() {
    }

    /**
     * Refuses a call whose {@code X-Twilio-Email-Event-Webhook-Signature} is not an ECDSA P-256 signature of the
     * {@code X-Twilio-Email-Event-Webhook-Timestamp} header followed by the body under the webhook's public key (base64
     * DER, as SendGrid shows it), or whose timestamp is more than {@code window} away from now either way.
     */
    static void verify(byte[] body, String signatureHeader, String timestampHeader, String publicKeyBase64, Instant now,
            Duration window) throws WebhookRefused {
        if (signatureHeader == null || signatureHeader.isBlank() || timestampHeader == null
                || timestampHeader.isBlank()) {
            throw WebhookRefused.unauthorized("The SendGrid webhook is not signed.");
        }
        PublicKey key = publicKey(publicKeyBase64);
        boolean valid;
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initVerify(key);
            signature.update(timestampHeader.getBytes(UTF_8));
            signature.update(body == null ? new byte[0] : body);
            valid = signature.verify(Base64.getDecoder().decode(signatureHeader.strip()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA256withECDSA", e);
        } catch (InvalidKeyException | SignatureException | IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw WebhookRefused.unauthorized("The SendGrid signature does not match.");
        }
        try {
            Instant sent = Instant.ofEpochSecond(Long.parseLong(timestampHeader.strip()));
            if (Duration.between(sent, now).abs().compareTo(window) <= 0) {
                return;
            }
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            // not a time: refused below
        }
        throw WebhookRefused.unauthorized("The SendGrid timestamp is outside the replay window.");
    }

    /** The configured verification key; PEM armour and line breaks, when pasted along, are tolerated. */
    private static PublicKey publicKey(String publicKeyBase64) throws WebhookRefused {
        if (publicKeyBase64 != null && !publicKeyBase64.isBlank()) {
            try {
                String bare = publicKeyBase64.replaceAll("-----[A-Z ]+-----|\\s", "");
                return KeyFactory.getInstance("EC")
                        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(bare)));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // refused below
            }
        }
        throw WebhookRefused.unauthorized("The configured SendGrid verification key cannot be read.");
    }

    /**
     * The reports in a batch: bounces (a block by the receiving server is TEMPORARY, any other bounce PERMANENT), drops
     * of an address that bounced before, and spam reports. Deferrals, deliveries, opens and the rest say nothing about
     * the address; events without an address or an event id are skipped.
     */
    static List<Report> of(byte[] body) throws WebhookRefused {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw WebhookRefused.malformed("The SendGrid webhook is not JSON.");
        }
        if (root == null || !root.isArray()) {
            throw WebhookRefused.malformed("The SendGrid webhook is not a JSON array.");
        }
        List<Report> reports = new ArrayList<>();
        for (JsonNode event : root) {
            Report report = event.isObject() ? report(event) : null;
            if (report != null) {
                reports.add(report);
            }
        }
        return reports;
    }

    private static Report report(JsonNode event) {
        String name = text(event, "event");
        String why = text(event, "reason");
        Kind kind = null;
        if ("bounce".equals(name)) {
            kind = "blocked".equals(text(event, "type")) ? Kind.TEMPORARY : Kind.PERMANENT;
        } else if ("dropped".equals(name) && why != null && why.toLowerCase(Locale.ROOT).contains("bounced address")) {
            kind = Kind.PERMANENT;
        } else if ("spamreport".equals(name)) {
            kind = Kind.COMPLAINT;
        }
        String email = text(event, "email");
        String id = text(event, "sg_event_id");
        if (kind == null || email == null || email.isBlank() || id == null || id.isBlank()) {
            return null;
        }
        String status = text(event, "status");
        String reason = status == null || status.isBlank() ? why : why == null ? status : status + " " + why;
        return new Report(Source.SENDGRID, kind, email, null, text(event, "smtp-id"), reason,
                instant(event.get("timestamp")), "sendgrid:" + id.strip());
    }

    /** Whole seconds since the epoch, as SendGrid gives them; null when odd. */
    private static Instant instant(JsonNode timestamp) {
        try {
            if (timestamp != null && timestamp.isIntegralNumber() && timestamp.canConvertToLong()) {
                return Instant.ofEpochSecond(timestamp.longValue());
            }
            if (timestamp != null && timestamp.isTextual()) {
                return Instant.ofEpochSecond(Long.parseLong(timestamp.textValue().strip()));
            }
        } catch (NumberFormatException | DateTimeException e) {
            // odd: no time
        }
        return null;
    }
}
