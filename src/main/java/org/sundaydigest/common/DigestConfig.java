package org.sundaydigest.common;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    /** Duration, ISO-8601, that an issue covers, ending at its send time. */
    @WithDefault("P7D")
    Duration window();

    /** When the weekly digest goes out. */
    Schedule schedule();

    /** Sign-up and consent. */
    Subscription subscription();

    /** The first editor account, created at start-up only when no editor exists. */
    Admin admin();

    interface Schedule {
        /** Quartz-style cron of the weekly send; its time of day is the send time of every issue. */
        @WithDefault("0 0 8 ? * SUN")
        String cron();

        /** Time zone of the cron, the send date and the window. */
        @WithDefault("UTC")
        ZoneId zone();
    }

    interface Subscription {
        /** How long a confirmation link stays valid. */
        @WithDefault("P7D")
        Duration confirmationTtl();

        /** The shortest time between two confirmation emails to one pending address. */
        @WithDefault("PT2M")
        Duration resendInterval();

        /** Version of the consent wording shown on the sign-up form; recorded with every sign-up. */
        @WithDefault("2026-11-v1")
        String consentVersion();
    }

    interface Admin {
        /** User name of the first editor account. */
        Optional<String> user();

        /** Password of the first editor account. */
        Optional<String> password();
    }

    /** The public URL without a trailing slash, ready to have a path appended. */
    default String baseUrl() {
        String url = publicUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
