package org.sundaydigest.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Deliveries by outcome, and the time the relay takes per message, for {@code /q/metrics}. */
@ApplicationScoped
class DeliveryMetrics {

    @Inject
    MeterRegistry registry;

    void count(String outcome) {
        Counter.builder("digest.deliveries").description("Digest messages by outcome").tag("outcome", outcome)
                .register(registry).increment();
    }

    void time(Duration taken) {
        Timer.builder("digest.delivery.send").description("Time the relay took to accept one digest message")
                .register(registry).record(taken);
    }
}
