package org.sundaydigest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/** The packaged jar run as an operator runs it: {@code java -jar} in a working directory, environment only. */
public final class PackagedApp {

    public static final Path JAR = Path.of(System.getProperty("packaged.jar", "target/quarkus-app/quarkus-run.jar"));
    /** The PostgreSQL build, made by the postgresql Maven profile. */
    public static final Path POSTGRES_JAR = Path
            .of(System.getProperty("postgres.jar", "target/postgres/quarkus-run.jar"));
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "it-admin-password";

    /** A database the jar is pointed at through the environment, as an operator of the PostgreSQL build would. */
    public record Database(String jdbcUrl, String user, String password) {
    }

    private final Path workDir;
    private final Path log;
    private final Path jar;
    private final Database database;
    private final Map<Process, String> management = new ConcurrentHashMap<>();

    /** The default build on its H2 file in the working directory. */
    public PackagedApp(Path workDir) {
        this(workDir, JAR, null);
    }

    /** The given build on the given database, or on its H2 file when {@code database} is null. */
    public PackagedApp(Path workDir, Path jar, Database database) {
        this.workDir = workDir;
        this.log = workDir.resolve("out.log");
        this.jar = jar;
        this.database = database;
    }

    public Path log() {
        return log;
    }

    /** Deletes the H2 file and whatever else the stopped jar kept under {@code data/}; the log stays. */
    public void deleteData() throws IOException {
        Path data = workDir.resolve("data");
        if (Files.exists(data)) {
            try (var paths = Files.walk(data)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** What an operator would set: port, first editor, public URL and the SMTP relay. */
    public static Map<String, String> environment(int port, int smtpPort) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // The packaged jar serves /q/* on a management port of its own.
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(uncheckedFreePort()));
        env.put("DIGEST_ADMIN_USER", ADMIN);
        env.put("DIGEST_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("DIGEST_PUBLIC_URL", "https://digest.example.test");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(smtpPort));
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        return env;
    }

    /** Starts the jar; its output is appended to {@link #log()}, so several runs keep one log. */
    public Process start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary(), "-jar", jar.toAbsolutePath().toString()))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        if (database != null) {
            builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
            builder.environment().put("QUARKUS_DATASOURCE_USERNAME", database.user());
            builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        }
        Process process = builder.start();
        management.put(process, "http://localhost:" + env.getOrDefault("QUARKUS_MANAGEMENT_PORT", "9000"));
        return process;
    }

    /** The base URL of the process's management port, where /q/health and /q/metrics are. */
    public String management(Process process) {
        return management.get(process);
    }

    public void awaitReady(Process process, String base) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("stopped");
                }
                return given().baseUri(management(process)).when().get("/q/health/ready").statusCode() == 200
                        && given().baseUri(base).when().get("/subscribe").statusCode() == 200;
            });
        } catch (ConditionTimeoutException notReady) {
            throw new AssertionError(
                    (process.isAlive() ? "not ready in time: " : "the jar stopped: ") + Files.readString(log));
        }
    }

    public static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /**
     * Skips the test when the PostgreSQL build was left out ({@code -P!postgresql}); on CI (the {@code CI} variable
     * set) its absence fails the test instead, so that the several-instances proof cannot silently go missing.
     */
    public static void assumePostgresBuild() {
        String missing = "no PostgreSQL build at " + POSTGRES_JAR + " (the postgresql profile was left out)";
        if (System.getenv("CI") != null) {
            org.assertj.core.api.Assertions.assertThat(POSTGRES_JAR).as(missing).exists();
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(POSTGRES_JAR), missing);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static int uncheckedFreePort() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code count} active readers, {@code prefix-0@example.org} and on, straight into the database of a stopped
     * instance; returns their addresses.
     */
    public List<String> insertActiveReaders(int count, String prefix) throws SQLException {
        List<String> emails = new ArrayList<>(count);
        try (Connection db = connect(); PreparedStatement insert = db.prepareStatement("""
                insert into subscriber (id, email, email_key, status, unsubscribe_token, created_at)
                values (nextval('subscriber_seq'), ?, ?, 'ACTIVE', ?, current_timestamp)""")) {
            db.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String email = prefix + "-" + i + "@example.org";
                insert.setString(1, email);
                insert.setString(2, email);
                insert.setString(3, prefix + "-token-" + i);
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                }
                emails.add(email);
            }
            insert.executeBatch();
            db.commit();
        }
        return emails;
    }

    /** When the first and the last message of a stopped instance's sends were accepted by the relay. */
    public Instant[] firstAndLastSent() throws SQLException {
        try (Connection db = connect(); ResultSet times = db.createStatement()
                .executeQuery("select min(sent_at), max(sent_at) from delivery where status = 'SENT'")) {
            times.next();
            return new Instant[] { times.getObject(1, OffsetDateTime.class).toInstant(),
                    times.getObject(2, OffsetDateTime.class).toInstant() };
        }
    }

    private Connection connect() throws SQLException {
        if (database != null) {
            return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        }
        return DriverManager.getConnection("jdbc:h2:file:" + workDir.resolve("data/sunday-digest").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
