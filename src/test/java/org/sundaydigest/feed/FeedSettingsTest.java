package org.sundaydigest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.FeedSettings;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The feed settings as an operator sets them, through environment variables. */
class FeedSettingsTest {

    @Test
    void digestFeedsDigestFeedsPollAndDigestFeedsAllowPrivateAreRead() {
        FeedSettings feeds = config(Map.of("DIGEST_FEEDS", "https://a.example.org/rss,https://b.example.org/atom",
                "DIGEST_FEEDS_POLL", "5m", "DIGEST_FEEDS_ALLOW_PRIVATE", "true", "DIGEST_FEEDS_CATEGORIES",
                "Politics=News,Comment=Opinion")).feeds();

        assertThat(feeds.urls()).contains(List.of("https://a.example.org/rss", "https://b.example.org/atom"));
        assertThat(feeds.poll()).isEqualTo("5m");
        assertThat(feeds.allowPrivate()).isTrue();
        assertThat(feeds.categories()).contains(List.of("Politics=News", "Comment=Opinion"));
    }

    @Test
    void withoutSettingsNoFeedIsRegisteredAndPrivateAddressesAreRefused() {
        FeedSettings feeds = config(Map.of()).feeds();

        assertThat(feeds.urls()).isEmpty();
        assertThat(feeds.poll()).isEqualTo("15m");
        assertThat(feeds.allowPrivate()).isFalse();
        assertThat(feeds.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(feeds.maxSize()).isEqualTo(new MemorySize(java.math.BigInteger.valueOf(5L * 1024 * 1024)));
        assertThat(feeds.maxRedirects()).isEqualTo(5);
    }

    private static DigestConfig config(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new EnvConfigSource(env, 300)).withMapping(DigestConfig.class).build();
        return config.getConfigMapping(DigestConfig.class);
    }
}
