package org.sundaydigest.common;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * Every setting of the service that is not Quarkus' own. Each key maps to an environment variable in the usual way
 * ({@code digest.schedule.cron} is {@code DIGEST_SCHEDULE_CRON}).
 */
@ConfigMapping(prefix = "digest")
public interface DigestConfig {

    /** Base URL used in every link the service writes (confirm, unsubscribe, archive); no trailing slash needed. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Sender of every email, as an RFC 5322 address with an optional display name. */
    @WithDefault("Sunday Digest <digest@example.org>")
    String from();

    /** The publication's name as readers see it in pages and emails. */
    @WithDefault("Sunday Digest")
    String publicationName();

    /** The publisher's postal address, printed in the footer of every digest. */
    @WithDefault("Example Publishing, 1 Example Street, 00000 Example City")
    String postalAddress();

    /** Sections a reader may choose, in the order the digest shows them. */
    @WithDefault("News,Investigations,Opinion")
    List<String> sections();

    /**
     * The section whose newest article leads an issue unless an editor pins another; by default the first of
     * {@code sections}.
     */
    Optional<String> leadSection();

    /** Duration, ISO-8601, that an issue covers, ending at its send time. */
    @WithDefault("P7D")
    Duration window();

    /** When the weekly digest goes out. */
    Schedule schedule();

    /** Sign-up and consent. */
    Subscription subscription();

    /** The first editor account, created at start-up only when no editor exists. */
    Admin admin();

    /** Second factor and send approval ({@code DIGEST_REQUIRE_SECOND_FACTOR}, {@code DIGEST_SEND_APPROVAL}). */
    @WithParentName
    AccountSettings accounts();

    /** The sending engine ({@code digest.delivery.*}). */
    @WithName("delivery")
    Engine engine();

    /** Whether a reader gets a welcome email after confirming ({@code DIGEST_WELCOME_ENABLED}). */
    @WithName("welcome.enabled")
    @WithDefault("true")
    boolean welcomeEnabled();

    /** Emails outside the digest: confirmations and welcomes. */
    OutboxSettings outbox();

    /** The mailbox behind the {@code mailto:} unsubscribe link. */
    MailboxSettings unsubscribeMailbox();

    /** The publisher's RSS and Atom feeds, whose entries become articles. */
    FeedSettings feeds();

    /**
     * The address bounces come back to ({@code DIGEST_BOUNCE_ADDRESS}); each digest copy is sent from a variant of it
     * that names the copy (VERP). Unset: the relay's own default.
     */
    @WithName("bounce.address")
    Optional<String> bounceAddress();

    /** The mailbox where bounce reports (DSN) and complaints (ARF) arrive ({@code DIGEST_BOUNCE_MAILBOX_*}). */
    MailboxSettings bounceMailbox();

    /** Imports of existing lists ({@code DIGEST_IMPORTS_*}). */
    ImportSettings imports();

    /** Webhooks by which mail systems report bounces and complaints ({@code DIGEST_WEBHOOK_*}). */
    WebhookSettings webhook();

    /** How long personal data that is no longer needed is kept. */
    Retention retention();

    /** Origins (the publisher's site) whose pages may call {@code POST /api/subscriptions} from JavaScript. */
    Optional<List<String>> corsOrigins();

    interface Retention {
        /** After this, the network address and browser in a consent event are blanked; the event itself stays. */
        @WithDefault("P2Y")
        Period consentNetwork();

        /** A reader who signed up and never confirmed is deleted after this. */
        @WithDefault("P30D")
        Period pending();

        /** The audit log's entries are deleted after this. */
        @WithDefault("P2Y")
        Period audit();

        /** How often an instance looks whether the daily retention run is due; "off" stops it. */
        @WithDefault("1h")
        String poll();
    }

    interface Schedule {
        /** Quartz-style cron of the weekly send; its time of day is the send time of every issue. */
        @WithDefault("0 0 8 ? * SUN")
        String cron();

        /** Time zone of the cron, the send date and the window. */
        @WithDefault("UTC")
        ZoneId zone();

        /** How late a missed send still goes out when the service comes back (it was down at the send time). */
        @WithDefault("PT24H")
        Duration catchUpGrace();
    }

    interface Subscription {
        /** How long a confirmation link stays valid. */
        @WithDefault("P7D")
        Duration confirmationTtl();

        /** The shortest time between two confirmation emails to one pending address. */
        @WithDefault("PT2M")
        Duration resendInterval();

        /** Sign-ups from one client address per ten minutes, form and API together; 0 for no limit. */
        @WithDefault("20")
        int limitPerIp();

        /** Confirmation emails one address may be sent per 24 hours, whoever signs it up. */
        @WithDefault("3")
        int confirmationsPerDay();

        /** Version of the consent wording shown on the sign-up form; recorded with every sign-up. */
        @WithDefault("2026-11-v1")
        String consentVersion();
    }

    interface Engine {
        /**
         * How often an instance looks for sends to work on, which also resumes them after a restart; "off" stops it.
         */
        @WithDefault("5s")
        String poll();

        /**
         * Messages one instance has in flight at once; bounds the repeats after a crash. Above the mailer's pool, the
         * connections stay busy while senders wait for their outcomes to be committed.
         */
        @WithDefault("4")
        int concurrency();

        /** Recipients one instance claims at a time. */
        @WithDefault("50")
        int batchSize();

        /** How long a claim holds; the claims of an instance that died are taken over once it runs out. */
        @WithDefault("PT1M")
        Duration lease();

        /** Longest wait for the relay to take one message; kept well below the lease. */
        @WithDefault("PT20S")
        Duration sendTimeout();

        /** Most messages per second, across all instances; 0 for no limit. */
        @WithDefault("50")
        int ratePerSecond();

        /** Most messages per hour, across all instances; 0 for no limit. */
        @WithDefault("0")
        int ratePerHour();

        /** Attempts per recipient before a temporary failure (4xx, no connection) counts as permanent. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait before the first retry of a deferred recipient; it doubles with each further attempt. */
        @WithDefault("PT1M")
        Duration retryDelay();

        /** Longest wait between two attempts for one recipient. */
        @WithDefault("PT30M")
        Duration maxRetryDelay();

        /** How long an instance stops claiming after the relay asks it to slow down (421, 450, 451, 454). */
        @WithDefault("PT30S")
        Duration throttlePause();

        /**
         * How long an instance reuses the counters of a send it counted, so that editors watching the progress share
         * one count.
         */
        @WithDefault("PT1S")
        Duration progressRefresh();
    }

    interface Admin {
        /** User name of the first editor account. */
        Optional<String> user();

        /** Password of the first editor account. */
        Optional<String> password();
    }

    /** The lead section in effect: the configured one, else the first section. */
    default String leadSectionOrFirst() {
        return leadSection().orElse(sections().isEmpty() ? "" : sections().get(0));
    }

    /** The public URL without a trailing slash, ready to have a path appended. */
    default String baseUrl() {
        String url = publicUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
