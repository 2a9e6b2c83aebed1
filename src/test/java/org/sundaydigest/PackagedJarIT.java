package org.sundaydigest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.restassured.http.ContentType;

/**
 * The packaged jar, started as an operator would with {@code java -jar} and only environment variables, on its embedded
 * H2 default and a real SMTP server.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of(System.getProperty("packaged.jar", "target/quarkus-app/quarkus-run.jar"));

    private Path workDir;
    private Process process;
    private GreenMail smtp;

    @BeforeEach
    void prepare() throws IOException {
        workDir = Files.createTempDirectory("sunday-digest-it");
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        smtp.stop();
    }

    @Test
    void productionRefusesToStartWithoutTheFirstEditorAndSaysWhy() throws Exception {
        Map<String, String> env = environment(freePort());
        env.remove("DIGEST_ADMIN_USER");
        env.remove("DIGEST_ADMIN_PASSWORD");
        process = start(env);

        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the process should stop by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(workDir.resolve("out.log")))
                .contains("DIGEST_ADMIN_USER and DIGEST_ADMIN_PASSWORD");
    }

    @Test
    void theJarStartsOnItsDefaultsAndAReaderCanSignUpAndConfirm() throws Exception {
        int port = freePort();
        long started = System.nanoTime();
        process = start(environment(port));
        String base = "http://localhost:" + port;
        awaitReady(base);
        System.out.printf("Packaged jar ready in %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());

        assertThat(Files.exists(workDir.resolve("data"))).as("the H2 file lives under ./data").isTrue();
        given().baseUri(base).when().get("/subscribe").then().statusCode(200);
        given().baseUri(base).contentType(ContentType.JSON).body(Map.of("email", "jar-reader@example.org")).when()
                .post("/api/subscriptions").then().statusCode(202);

        assertThat(smtp.waitForIncomingEmail(15_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        String body = GreenMailUtil.getBody(mail);
        String link = body.substring(body.indexOf("https://digest.example.test/subscribe/confirm?token="))
                .split("[\\s\"<]")[0];
        given().baseUri(base).when().get(link.replace("https://digest.example.test", "")).then().statusCode(200)
                .body(containsString("You're subscribed"));
        given().baseUri(base).auth().preemptive().basic("admin", "it-admin-password").when()
                .get("/api/subscribers?status=ACTIVE").then().statusCode(200)
                .body(containsString("jar-reader@example.org"));
        given().baseUri(base).when().get("/dev/mailbox?to=x@example.org").then().statusCode(404);
    }

    private Map<String, String> environment(int port) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("DIGEST_ADMIN_USER", "admin");
        env.put("DIGEST_ADMIN_PASSWORD", "it-admin-password");
        env.put("DIGEST_PUBLIC_URL", "https://digest.example.test");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(smtp.getSmtp().getPort()));
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        return env;
    }

    private Process start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary(), "-jar", JAR.toAbsolutePath().toString()))
                .directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("out.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private void awaitReady(String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the jar stopped: " + Files.readString(workDir.resolve("out.log")));
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
        throw new AssertionError("not ready in time: " + Files.readString(workDir.resolve("out.log")));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
