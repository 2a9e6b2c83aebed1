package org.sundaydigest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.restassured.http.ContentType;

/**
 * The packaged jar, started as an operator would with {@code java -jar} and only environment variables, on its embedded
 * H2 default and a real SMTP server.
 */
class PackagedJarIT extends PackagedJarTest {

    @Test
    void productionRefusesToStartWithoutTheFirstEditorAndSaysWhy() throws Exception {
        Map<String, String> env = environment(PackagedApp.freePort());
        env.remove("DIGEST_ADMIN_USER");
        env.remove("DIGEST_ADMIN_PASSWORD");
        process = app.start(env);

        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the process should stop by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(workDir.resolve("out.log")))
                .contains("DIGEST_ADMIN_USER and DIGEST_ADMIN_PASSWORD");
    }

    @Test
    void theH2BuildGivenAPostgresqlUrlStopsAndSaysWhichBuildToUse() throws Exception {
        Map<String, String> env = environment(PackagedApp.freePort());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:9/digest");
        process = app.start(env);

        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the process should stop by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(workDir.resolve("out.log"))).contains("names a postgresql database")
                .contains("built for h2").contains("-Ppostgresql");
    }

    @Test
    void theJarStartsOnItsDefaultsAndAReaderCanSignUpAndConfirm() throws Exception {
        int port = PackagedApp.freePort();
        long started = System.nanoTime();
        Map<String, String> env = environment(port);
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        process = app.start(env);
        String base = "http://localhost:" + port;
        awaitReady(base);
        assertThat(Files.readAllLines(workDir.resolve("out.log"))).as("JSON logs, switched on at run time").anySatisfy(
                line -> assertThat(line).startsWith("{").contains("\"loggerName\"").contains("\"message\""));
        System.out.printf("Packaged jar ready in %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());

        assertThat(Files.exists(workDir.resolve("data"))).as("the H2 file lives under ./data").isTrue();
        given().baseUri(app.management(process)).when().get("/q/metrics").then().statusCode(200).body(
                containsString("digest_deliveries_total{outcome=\"sent\"} 0.0"),
                containsString("digest_deliveries_total{outcome=\"failed\"} 0.0"),
                containsString("digest_signups_total{channel=\"api\"} 0.0"),
                containsString("digest_complaints_total 0.0"));
        given().baseUri(base).when().get("/q/metrics").then().statusCode(404);
        given().baseUri(base).when().get("/q/health").then().statusCode(404);
        given().baseUri(base).when().get("/subscribe").then().statusCode(200);
        given().baseUri(base).contentType(ContentType.JSON).body(Map.of("email", "jar-reader@example.org")).when()
                .post("/api/subscriptions").then().statusCode(202);

        assertThat(smtp.waitForIncomingEmail(15_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        String body = GreenMailUtil.getBody(mail);
        String link = body.substring(body.indexOf("https://digest.example.test/subscribe/confirm?token="))
                .split("[\\s\"<]")[0];
        given().baseUri(base).when().get(link.replace("https://digest.example.test", "")).then().statusCode(200)
                .body(containsString("Confirm"));
        given().baseUri(base).contentType(ContentType.URLENC)
                .formParam("token", link.substring(link.indexOf("token=") + "token=".length())).when()
                .post("/subscribe/confirm").then().statusCode(200).body(containsString("You're subscribed"));
        given().baseUri(base).auth().preemptive().basic(PackagedApp.ADMIN, PackagedApp.ADMIN_PASSWORD).when()
                .get("/api/subscribers?status=ACTIVE").then().statusCode(200)
                .body(containsString("jar-reader@example.org"));
        given().baseUri(base).when().get("/dev/mailbox?to=x@example.org").then().statusCode(404);
    }

    private Map<String, String> environment(int port) {
        return PackagedApp.environment(port, smtp.getSmtp().getPort());
    }

    private void awaitReady(String base) throws Exception {
        app.awaitReady(process, base);
    }
}
