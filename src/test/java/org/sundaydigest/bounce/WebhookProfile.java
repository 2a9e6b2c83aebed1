package org.sundaydigest.bounce;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Every webhook configured, with secrets and keys the tests hold too; the SNS signing certificate may come from this
 * machine, where the tests serve their own.
 */
public class WebhookProfile implements QuarkusTestProfile {

    static final String SECRET = "test-webhook-secret";
    static final String POSTMARK_USER = "postmark";
    static final String POSTMARK_PASSWORD = "postmark-test-password";
    static final String MAILGUN_KEY = "mailgun-test-signing-key";
    static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:digest-bounces";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("digest.webhook.secret", SECRET, "digest.webhook.postmark.user", POSTMARK_USER,
                "digest.webhook.postmark.password", POSTMARK_PASSWORD, "digest.webhook.mailgun.signing-key",
                MAILGUN_KEY, "digest.webhook.sendgrid.public-key", resource("keys/sendgrid-test-public.b64"),
                "digest.webhook.ses.topic-arns", TOPIC, "digest.webhook.ses.sns-urls",
                "http://127\\.0\\.0\\.1:[0-9]+/sns/.*");
    }

    /** A file under {@code src/test/resources/webhooks}, as text. */
    static String resource(String name) {
        try (InputStream in = WebhookProfile.class.getResourceAsStream("/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource webhooks/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
