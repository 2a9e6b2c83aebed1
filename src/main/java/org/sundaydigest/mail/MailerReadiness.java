package org.sundaydigest.mail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness includes the SMTP relay: a service that cannot mail cannot confirm readers or send the digest. */
@Readiness
@ApplicationScoped
class MailerReadiness implements HealthCheck {

    private static final int TIMEOUT_MILLIS = 2000;

    @ConfigProperty(name = "quarkus.mailer.mock")
    boolean mock;

    @ConfigProperty(name = "quarkus.mailer.host")
    String host;

    @ConfigProperty(name = "quarkus.mailer.port")
    int port;

    @Override
    public HealthCheckResponse call() {
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
