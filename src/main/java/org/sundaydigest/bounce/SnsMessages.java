package org.sundaydigest.bounce;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Amazon SNS messages, the envelope Amazon SES notifications arrive in. Nothing in an SNS message may be believed
 * before its signature is checked against the certificate named in it, and that certificate may only be fetched from a
 * URL that is Amazon's; this class holds the pieces (parse, string to sign, signature, URL, freshness) and leaves the
 * fetching to the caller.
 */
final class SnsMessages {

    static final String NOTIFICATION = "Notification";
    static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    private static final Set<String> TYPES = Set.of(NOTIFICATION, SUBSCRIPTION_CONFIRMATION, UNSUBSCRIBE_CONFIRMATION);
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SnsMessages() {
    }

    /** The fields of an SNS message; those the type does not carry are null. */
    record SnsMessage(String type, String messageId, String topicArn, String subject, String message, String timestamp,
            String signatureVersion, String signature, String signingCertUrl, String subscribeUrl, String token) {
    }

    /**
     * The message in a request body. Only the three documented types are taken, so that {@link #stringToSign} is
     * defined for every message this returns.
     */
    static SnsMessage parse(byte[] body) throws WebhookRefused {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw WebhookRefused.malformed("The SNS message is not JSON.");
        }
        if (root == null || !root.isObject()) {
            throw WebhookRefused.malformed("The SNS message is not a JSON object.");
        }
        String type = text(root, "Type", true);
        if (!TYPES.contains(type)) {
            throw WebhookRefused.malformed("The SNS message is of an unknown type.");
        }
        boolean subscription = !NOTIFICATION.equals(type);
        return new SnsMessage(type, text(root, "MessageId", true), text(root, "TopicArn", true),
                text(root, "Subject", false), text(root, "Message", true), text(root, "Timestamp", true),
                text(root, "SignatureVersion", true), text(root, "Signature", true), text(root, "SigningCertURL", true),
                text(root, "SubscribeURL", subscription), text(root, "Token", subscription));
    }

    /**
     * The text SNS signed, as AWS documents it: the type's fields in byte order of their names, each as name, newline,
     * value, newline; a notification's Subject only when it has one.
     *
     * @throws IllegalArgumentException
     *             for a type SNS does not sign this way
     */
    static String stringToSign(SnsMessage m) {
        StringBuilder text = new StringBuilder();
        if (NOTIFICATION.equals(m.type())) {
            field(text, "Message", m.message());
            field(text, "MessageId", m.messageId());
            if (m.subject() != null) {
                field(text, "Subject", m.subject());
            }
            field(text, "Timestamp", m.timestamp());
        } else if (SUBSCRIPTION_CONFIRMATION.equals(m.type()) || UNSUBSCRIBE_CONFIRMATION.equals(m.type())) {
            field(text, "Message", m.message());
            field(text, "MessageId", m.messageId());
            field(text, "SubscribeURL", m.subscribeUrl());
            field(text, "Timestamp", m.timestamp());
            field(text, "Token", m.token());
        } else {
            throw new IllegalArgumentException("SNS signs no message of this type");
        }
        field(text, "TopicArn", m.topicArn());
        field(text, "Type", m.type());
        return text.toString();
    }

    /**
     * Refuses a message whose signature was not made with the certificate's key over {@link #stringToSign}. Version 1
     * signs with SHA-1, version 2 with SHA-256; any other version is refused rather than guessed at.
     */
    static void verify(SnsMessage m, X509Certificate cert) throws WebhookRefused {
        String algorithm = switch (String.valueOf(m.signatureVersion())) {
        case "1" -> "SHA1withRSA";
        case "2" -> "SHA256withRSA";
        default -> throw WebhookRefused.unauthorized("The SNS signature version is not supported.");
        };
        if (m.signature() == null || cert == null) {
            throw WebhookRefused.unauthorized("The SNS message is not signed.");
        }
        boolean valid;
        try {
            byte[] signed = stringToSign(m).getBytes(UTF_8);
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(cert);
            signature.update(signed);
            valid = signature.verify(Base64.getDecoder().decode(m.signature()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        } catch (InvalidKeyException | SignatureException | IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw WebhookRefused.unauthorized("The SNS signature does not match the message.");
        }
    }

    /** The certificate in PEM (or DER) bytes, as fetched from the message's SigningCertURL. */
    static X509Certificate certificate(byte[] pem) throws WebhookRefused {
        if (pem != null && pem.length > 0) {
            try {
                Certificate certificate = CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(pem));
                if (certificate instanceof X509Certificate x509) {
                    return x509;
                }
            } catch (CertificateException | IllegalArgumentException e) {
                // refused below
            }
        }
        throw WebhookRefused.unauthorized("The SNS signing certificate cannot be read.");
    }

    /**
     * Whether the service may fetch this URL (a signing certificate, a subscription confirmation): only when the whole
     * of it matches the allowed pattern, and never with user info (which hides the real host behind a look-alike), a
     * fragment, or a scheme other than http(s). The pattern is matched against the text as given, and the checks here
     * make sure that the text and the parsed URL agree about the host.
     */
    static boolean trustedUrl(String url, Pattern allowed) {
        if (url == null || allowed == null) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.isOpaque() || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return false;
        }
        return allowed.matcher(url).matches();
    }

    /**
     * Whether the message was sent within {@code window} of now, either way (clocks differ). SNS keeps retrying a
     * message for up to an hour, so the window is that long; a signed message older than that is a replay.
     */
    static boolean fresh(SnsMessage m, Instant now, Duration window) {
        if (m.timestamp() == null) {
            return false;
        }
        Instant sent;
        try {
            sent = Instant.parse(m.timestamp());
        } catch (DateTimeParseException e) {
            return false;
        }
        return Duration.between(sent, now).abs().compareTo(window) <= 0;
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(name).append('\n').append(value).append('\n');
    }

    /** A text field; a missing (or null) one is null when optional, and refused when required or not text. */
    private static String text(JsonNode root, String name, boolean required) throws WebhookRefused {
        JsonNode value = root.get(name);
        if (value != null && value.isTextual()) {
            return value.textValue();
        }
        if (!required && (value == null || value.isNull())) {
            return null;
        }
        throw WebhookRefused.malformed("The SNS message lacks a text field " + name + ".");
    }
}
