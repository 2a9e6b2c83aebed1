package org.sundaydigest.mail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

/**
 * Whether the SMTP relay takes connections, as a wellness check ({@code /q/health/well}, also in {@code /q/health}).
 * Not readiness: a relay outage must not take the sign-up and unsubscribe pages out of a load balancer, and mail waits
 * in the database until the relay is back. The answer is kept a few seconds, so that frequent probes do not each open a
 * connection to the relay.
 */
@Wellness
@ApplicationScoped
class MailerWellness implements HealthCheck {

    static final Duration KEPT = Duration.ofSeconds(10);
    private static final int TIMEOUT_MILLIS = 2000;

    @ConfigProperty(name = "quarkus.mailer.mock")
    boolean mock;

    @ConfigProperty(name = "quarkus.mailer.host")
    String host;

    @ConfigProperty(name = "quarkus.mailer.port")
    int port;

    @Inject
    Clock clock;

    private record Answer(HealthCheckResponse response, Instant until) {
    }

    private volatile Answer last;

    @Override
    public HealthCheckResponse call() {
        Answer answer = last;
        Instant now = clock.instant();
        if (answer == null || !now.isBefore(answer.until())) {
            answer = new Answer(probe(), now.plus(KEPT));
            last = answer;
        }
        return answer.response();
    }

    private HealthCheckResponse probe() {
        var response = HealthCheckResponse.named("mailer");
        if (mock) {
            return response.up().withData("mode", "mock: mail is logged, not sent").build();
        }
        response.withData("relay", host + ":" + port);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            return response.up().build();
        } catch (IOException e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
