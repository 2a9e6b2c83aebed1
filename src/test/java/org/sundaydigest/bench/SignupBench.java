package org.sundaydigest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.sundaydigest.PackagedApp;

/**
 * Sign-up under load: {@code POST /api/subscriptions} from concurrent clients on loopback against the packaged jar,
 * whose confirmation emails go to smtp-sink. Prints requests per second, latency percentiles and errors.
 */
class SignupBench {

    @Test
    void signUpsUnderConcurrentLoadAnswerWithoutErrors() throws Exception {
        int clients = Integer.getInteger("bench.signup.clients", 16);
        Duration duration = Duration.ofSeconds(Integer.getInteger("bench.signup.seconds", 20));
        Path workDir = Files.createTempDirectory("sunday-digest-signup");
        PackagedApp app = new PackagedApp(workDir);
        try (Sink sink = Sink.start()) {
            int port = PackagedApp.freePort();
            String base = "http://localhost:" + port;
            Map<String, String> env = new HashMap<>(PackagedApp.environment(port, sink.port()));
            // Every client of the load is this machine: the limit per client address would refuse almost all of it.
            env.put("DIGEST_SUBSCRIPTION_LIMIT_PER_IP", "0");
            Process process = app.start(env);
            try {
                app.awaitReady(process, base);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                // Warm-up, not counted.
                load(http, base, clients, Duration.ofSeconds(5), "warm");
                AtomicInteger errors = new AtomicInteger();
                long started = System.nanoTime();
                List<Long> latencies = load(http, base, clients, duration, "load", errors);
                double seconds = (System.nanoTime() - started) / 1e9;
                Collections.sort(latencies);
                String table = String.format(
                        "| clients | requests | requests/s | p50 | p99 | errors |%n|---:|---:|---:|---:|---:|---:|%n"
                                + "| %d | %,d | %.0f | %.1f ms | %.1f ms | %d |%n",
                        clients, latencies.size(), latencies.size() / seconds, percentile(latencies, 0.50),
                        percentile(latencies, 0.99), errors.get());
                Path out = Path.of("target", "bench", "signup.md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, table);
                System.out.println(table);
                assertThat(errors.get()).isZero();
            } finally {
                PackagedApp.stop(process);
            }
        }
    }

    private static List<Long> load(HttpClient http, String base, int clients, Duration duration, String name)
            throws Exception {
        return load(http, base, clients, duration, name, new AtomicInteger());
    }

    private static List<Long> load(HttpClient http, String base, int clients, Duration duration, String name,
            AtomicInteger errors) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + duration.toNanos();
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; System.nanoTime() < end; i++) {
                    String body = "{\"email\":\"" + name + "-" + client + "-" + i + "@example.org\"}";
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/subscriptions"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 202) {
                            errors.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                    }
                    mine.add(System.nanoTime() - sent);
                }
                return mine;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> result : results) {
            all.addAll(result.get());
        }
        pool.shutdown();
        return all;
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
