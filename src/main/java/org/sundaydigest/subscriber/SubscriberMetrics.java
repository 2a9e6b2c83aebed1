package org.sundaydigest.subscriber;

import java.util.EnumSet;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The list's comings and goings for {@code /q/metrics}: sign-ups by channel, confirmations, departures by channel,
 * bounces by kind and complaints. Every series exists from start-up at 0, so that a dashboard or a {@code rate()} alert
 * sees the service before anything happened.
 */
@Startup
@ApplicationScoped
public class SubscriberMetrics {

    private static final Set<Channel> SIGN_UP = EnumSet.of(Channel.WEB, Channel.API);
    private static final Set<Channel> LEAVE = EnumSet.of(Channel.WEB, Channel.ONE_CLICK, Channel.MAILTO, Channel.EDITOR,
            Channel.SYSTEM, Channel.COMPLAINT);

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void register() {
        SIGN_UP.forEach(this::signUps);
        confirmations();
        LEAVE.forEach(this::unsubscribes);
        bounces(true);
        bounces(false);
        complaints();
    }

    void signedUp(Channel channel) {
        signUps(channel).increment();
    }

    void confirmed() {
        confirmations().increment();
    }

    void unsubscribed(Channel channel) {
        unsubscribes(channel).increment();
    }

    /** A bounce reported for a reader: permanent (the address does not exist) or temporary (a full mailbox). */
    public void bounced(boolean permanent) {
        bounces(permanent).increment();
    }

    /** A reader who reported a digest as spam. */
    public void complained() {
        complaints().increment();
    }

    private Counter signUps(Channel channel) {
        return Counter.builder("digest.signups").description("Sign-ups accepted, by channel")
                .tag("channel", channel.name().toLowerCase()).register(registry);
    }

    private Counter confirmations() {
        return Counter.builder("digest.confirmations").description("Readers who confirmed their address")
                .register(registry);
    }

    private Counter unsubscribes(Channel channel) {
        return Counter.builder("digest.unsubscribes").description("Readers who left, by channel")
                .tag("channel", channel.name().toLowerCase()).register(registry);
    }

    private Counter bounces(boolean permanent) {
        return Counter.builder("digest.bounces").description("Bounces reported for readers, by kind")
                .tag("kind", permanent ? "permanent" : "temporary").register(registry);
    }

    private Counter complaints() {
        return Counter.builder("digest.complaints").description("Spam complaints reported for readers")
                .register(registry);
    }
}
