package org.sundaydigest.feed;

import java.util.Arrays;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/** Feed fetches by how they went, every status at 0 from start-up, for {@code /q/metrics}. */
@Startup
@ApplicationScoped
class FeedMetrics {

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void register() {
        Arrays.stream(FeedStatus.values()).forEach(this::counter);
    }

    void fetched(FeedStatus status) {
        counter(status).increment();
    }

    private Counter counter(FeedStatus status) {
        return Counter.builder("digest.feed.fetches").description("Feed fetches, by how they went")
                .tag("status", status.name().toLowerCase()).register(registry);
    }
}
