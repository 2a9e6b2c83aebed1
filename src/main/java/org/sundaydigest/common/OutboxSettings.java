package org.sundaydigest.common;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** How emails outside the digest (confirmations, welcomes) are sent ({@code digest.outbox.*}), part of DigestConfig. */
public interface OutboxSettings {

    /** How often an instance looks for emails to send, besides right after a change wrote one; "off" stops it. */
    @WithDefault("5s")
    String poll();

    /** How long a claim on an email holds; a dead instance's emails are sent by another once it runs out. */
    @WithDefault("PT1M")
    Duration lease();

    /** Attempts before an email the relay keeps deferring, or cannot be reached for, is given up (about a day). */
    @WithDefault("60")
    int maxAttempts();

    /** Wait before the second attempt; it doubles with each further one. */
    @WithDefault("PT30S")
    Duration retryDelay();

    /** Longest wait between two attempts. */
    @WithDefault("PT30M")
    Duration maxRetryDelay();
}
