package org.sundaydigest.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * The baseline: the Vert.x mail client alone (the library under the service's mailer) pushing one rendered message to
 * many addresses over a fixed number of pooled connections, with no database, rendering or bookkeeping.
 */
final class PlainClient {

    private PlainClient() {
    }

    /** Sends {@code count} copies and returns messages per second; failures are counted and reported. */
    static double send(int sinkPort, int connections, int count, String subject, String html, String text)
            throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        try {
            MailClient client = MailClient.create(vertx, new MailConfig().setHostname("127.0.0.1").setPort(sinkPort)
                    .setStarttls(StartTLSOptions.DISABLED).setKeepAlive(true).setMaxPoolSize(connections));
            Semaphore inFlight = new Semaphore(connections);
            CountDownLatch done = new CountDownLatch(count);
            AtomicInteger failures = new AtomicInteger();
            long started = System.nanoTime();
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                MailMessage message = new MailMessage().setFrom("Sunday Digest <digest@example.org>")
                        .setTo("baseline-" + i + "@example.org").setSubject(subject).setHtml(html).setText(text);
                message.addHeader("Message-ID", "<baseline-" + i + "@digest.example.test>");
                client.sendMail(message).onComplete(result -> {
                    if (result.failed()) {
                        failures.incrementAndGet();
                    }
                    inFlight.release();
                    done.countDown();
                });
            }
            done.await();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (failures.get() > 0) {
                System.out.printf("baseline: %d of %d messages failed%n", failures.get(), count);
            }
            client.close();
            return count / seconds;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
