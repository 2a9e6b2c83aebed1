package org.sundaydigest.common;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * The database URL as the service opens it, whatever the operator wrote. An H2 file is opened with
 * {@code WRITE_DELAY=0} so that a commit is on disk before it is reported: H2's default keeps the last half-second in
 * memory, and a killed process would then send again the deliveries it had recorded in that half-second. A URL (or a
 * {@code QUARKUS_DATASOURCE_DB_KIND}) for another database than the one the build was made for stops the start with a
 * message that says which build to use, rather than a driver error.
 */
public class DatabaseUrlSource implements ConfigSourceFactory {

    static final String URL = "quarkus.datasource.jdbc.url";
    static final String KIND = "quarkus.datasource.db-kind";
    private static final Pattern WRITE_DELAY = Pattern.compile("(?i);\\s*WRITE_DELAY\\s*=[^;]*");
    private static final Logger LOG = Logger.getLogger(DatabaseUrlSource.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    @Override
    public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources(ConfigSourceContext context) {
        ExecutionMode mode = ExecutionMode.current();
        // At build time the URL is not the one the service will open, and the kind is being decided.
        if (mode != ExecutionMode.RUNTIME_INIT && mode != ExecutionMode.RUNNING) {
            return List.of();
        }
        String url = value(context, URL);
        String kind = value(context, KIND);
        if (url == null || kind == null) {
            return List.of();
        }
        checkKind(kind, url, System.getProperty(KIND, System.getenv("QUARKUS_DATASOURCE_DB_KIND")));
        String durable = durable(url);
        if (durable.equals(url)) {
            return List.of();
        }
        if (LOGGED.compareAndSet(false, true)) {
            LOG.info("The H2 database is opened with WRITE_DELAY=0, so that every commit is in the file before it is"
                    + " reported.");
        }
        // Above the environment (300) and system properties (400): the operator's URL is kept, the option added.
        return List.of(new PropertiesConfigSource(Map.of(URL, durable), "durable-h2-url", 500));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(500);
    }

    /** The URL with {@code WRITE_DELAY=0} when it names an H2 database kept in a file; any other URL as it is. */
    static String durable(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:h2:mem:")) {
            return url;
        }
        return WRITE_DELAY.matcher(url).replaceAll("") + ";WRITE_DELAY=0";
    }

    /**
     * Fails when the URL or the requested kind is not the build's: the database kind is fixed when the jar is built,
     * and Quarkus would otherwise ignore a kind given at run time and fail later with a driver's message.
     */
    static void checkKind(String buildKind, String url, String requestedKind) {
        String build = buildKind.toLowerCase(Locale.ROOT);
        if (requestedKind != null && !requestedKind.isBlank() && !normalised(requestedKind).equals(normalised(build))) {
            throw new IllegalStateException("QUARKUS_DATASOURCE_DB_KIND is " + requestedKind + ", but this jar was"
                    + " built for " + build + ": the database kind is fixed at build time. Use the " + other(build)
                    + " build (docs/operations.md, \"PostgreSQL\").");
        }
        String urlKind = url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:") ? "postgresql"
                : url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:") ? "h2" : null;
        if (urlKind != null && !urlKind.equals(normalised(build))) {
            throw new IllegalStateException("QUARKUS_DATASOURCE_JDBC_URL names a " + urlKind + " database, but this"
                    + " jar was built for " + build + ": the database kind is fixed at build time. Use the "
                    + other(build) + " build (docs/operations.md, \"PostgreSQL\").");
        }
    }

    private static String normalised(String kind) {
        String lower = kind.strip().toLowerCase(Locale.ROOT);
        return lower.equals("postgres") || lower.equals("pgsql") || lower.equals("pg") ? "postgresql" : lower;
    }

    private static String other(String build) {
        return normalised(build).equals("h2") ? "PostgreSQL (./mvnw package -Ppostgresql, target/postgres)"
                : "default (H2, target/quarkus-app)";
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
