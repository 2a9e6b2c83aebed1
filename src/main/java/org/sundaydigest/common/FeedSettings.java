package org.sundaydigest.common;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/** The publisher's feeds ({@code digest.feeds.*}), part of {@link DigestConfig}. */
public interface FeedSettings {
    /**
     * Feed URLs, comma-separated, registered at start-up besides those editors add ({@code digest.feeds} itself, so
     * that the environment variable is {@code DIGEST_FEEDS}).
     */
    @WithParentName
    Optional<List<String>> urls();

    /** How often every feed is fetched; "off" stops it. */
    @WithDefault("15m")
    String poll();

    /** Whether feed URLs may point at loopback, link-local or private addresses (refused by default). */
    @WithDefault("false")
    boolean allowPrivate();

    /** Longest wait for one fetch of a feed, redirects and body included. */
    @WithDefault("PT20S")
    Duration timeout();

    /** Largest feed document read; a larger one is refused. */
    @WithDefault("5M")
    MemorySize maxSize();

    /** Most redirects followed for one fetch. */
    @WithDefault("5")
    int maxRedirects();

    /**
     * Sections for the feeds' category names, as {@code Category=Section} pairs, comma-separated; a category not listed
     * here is the section under its own name.
     */
    Optional<List<String>> categories();
}
