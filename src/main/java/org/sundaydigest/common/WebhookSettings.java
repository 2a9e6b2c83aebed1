package org.sundaydigest.common;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * The webhooks by which mail systems report bounces and complaints ({@code digest.webhook.*}), part of
 * {@link DigestConfig}. Each answers {@code 404} until it is configured.
 */
public interface WebhookSettings {

    /** Shared secret of {@code POST /api/webhooks/bounces}, whose calls are signed with HMAC-SHA256 under it. */
    Optional<String> secret();

    /** Most events one call may carry; a larger batch is refused whole. */
    @WithDefault("1000")
    int maxEvents();

    /** How far a signed call's timestamp may be from now (Mailgun, SendGrid); an older call is a replay. */
    @WithDefault("PT5M")
    Duration replayWindow();

    /** Amazon SES through SNS. */
    Ses ses();

    /** Postmark. */
    Postmark postmark();

    /** Mailgun. */
    Mailgun mailgun();

    /** SendGrid. */
    SendGrid sendgrid();

    interface Ses {
        /**
         * The SNS topics whose notifications are taken (their ARNs, comma-separated): SNS signs every topic's messages,
         * the publisher's and anyone else's, so the topic is what says they are the publisher's.
         */
        Optional<List<String>> topicArns();

        /** Which URLs an SNS message may name for its signing certificate and its subscription confirmation. */
        @WithDefault("https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/.*")
        String snsUrls();

        /** How old an SNS message may be; SNS retries a failed call for up to an hour. */
        @WithDefault("PT1H")
        Duration maxAge();
    }

    interface Postmark {
        /** User name of the Basic credentials set in Postmark's webhook URL. */
        Optional<String> user();

        /** Password of those credentials. */
        Optional<String> password();
    }

    interface Mailgun {
        /** Mailgun's "HTTP webhook signing key", under which each call is signed. */
        Optional<String> signingKey();
    }

    interface SendGrid {
        /** The verification key of SendGrid's signed event webhook (base64, as SendGrid shows it). */
        Optional<String> publicKey();
    }
}
