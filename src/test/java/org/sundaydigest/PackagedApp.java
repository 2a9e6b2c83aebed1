package org.sundaydigest;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged jar run as an operator runs it: {@code java -jar} in a working directory, environment only. */
final class PackagedApp {

    static final Path JAR = Path.of(System.getProperty("packaged.jar", "target/quarkus-app/quarkus-run.jar"));
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "it-admin-password";

    private final Path workDir;
    private final Path log;

    PackagedApp(Path workDir) {
        this.workDir = workDir;
        this.log = workDir.resolve("out.log");
    }

    Path log() {
        return log;
    }

    /** What an operator would set: port, first editor, public URL and the SMTP relay. */
    static Map<String, String> environment(int port, int smtpPort) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("DIGEST_ADMIN_USER", ADMIN);
        env.put("DIGEST_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("DIGEST_PUBLIC_URL", "https://digest.example.test");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(smtpPort));
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        return env;
    }

    /** Starts the jar; its output is appended to {@link #log()}, so several runs keep one log. */
    Process start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary(), "-jar", JAR.toAbsolutePath().toString()))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    void awaitReady(Process process, String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the jar stopped: " + Files.readString(log));
            }
            try {
                if (given().baseUri(base).when().get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYetListening) {
                // keep polling
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready in time: " + Files.readString(log));
    }

    static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
