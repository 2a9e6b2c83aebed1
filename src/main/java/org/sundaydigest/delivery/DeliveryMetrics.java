package org.sundaydigest.delivery;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.subscriber.SubscriberMetrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * Deliveries by outcome, the time the relay takes per message, and the deliveries still open per sending issue, for
 * {@code /q/metrics}. Every outcome's series exists from start-up at 0, so that rates and alerts see a restart.
 */
@Startup
@ApplicationScoped
class DeliveryMetrics {

    static final List<String> OUTCOMES = List.of("sent", "deferred", "failed", "bounced", "skipped");

    @Inject
    MeterRegistry registry;

    @Inject
    SubscriberMetrics readers;

    private MultiGauge open;

    @PostConstruct
    void register() {
        OUTCOMES.forEach(outcome -> counter(outcome));
        open = MultiGauge.builder("digest.deliveries.open")
                .description("Recipients of a sending issue not yet settled (pending, in flight or deferred)")
                .register(registry);
    }

    void count(String outcome) {
        counter(outcome).increment();
        if (outcome.equals("bounced")) {
            readers.bounced(true);
        }
    }

    void time(Duration taken) {
        Timer.builder("digest.delivery.send").description("Time the relay took to accept one digest message")
                .register(registry).record(taken);
    }

    /** The open deliveries of each issue now sending; issues that finished leave the gauge. */
    void open(List<TallyStore.Open> sending) {
        open.register(sending.stream()
                .map(issue -> MultiGauge.Row.of(Tags.of("issue", issue.sendDate().toString()), issue.open())).toList(),
                true);
    }

    private Counter counter(String outcome) {
        return Counter.builder("digest.deliveries").description("Digest messages by outcome").tag("outcome", outcome)
                .register(registry);
    }
}
