package org.sundaydigest.common;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * The key of the editors' login cookies when {@code QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY} is not set: made at
 * random once, kept in the database ({@code service_secret}), and so shared by every instance and every restart. It is
 * read with a plain JDBC connection while the configuration is built, before anything else starts; nothing about it is
 * ever logged but the fact that the database could not give it.
 */
public class SessionKeySource implements ConfigSourceFactory {

    static final String KEY = "quarkus.http.auth.session.encryption-key";
    private static final String NAME = "session-key";
    private static final Logger LOG = Logger.getLogger(SessionKeySource.class);

    @Override
    public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources(ConfigSourceContext context) {
        ExecutionMode mode = ExecutionMode.current();
        if ((mode != ExecutionMode.RUNTIME_INIT && mode != ExecutionMode.RUNNING) || given(context, KEY) != null) {
            return List.of();
        }
        String url = given(context, "quarkus.datasource.jdbc.url");
        if (url == null) {
            return List.of();
        }
        Properties login = new Properties();
        putIfGiven(login, "user", given(context, "quarkus.datasource.username"));
        putIfGiven(login, "password", given(context, "quarkus.datasource.password"));
        try (Connection connection = driverFor(url).connect(url, login)) {
            return List.of(new PropertiesConfigSource(Map.of(KEY, keyIn(connection)), "service_secret", 50));
        } catch (SQLException | ReflectiveOperationException e) {
            LOG.warnf("The login cookies' key could not be read from the database (%s); set"
                    + " QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY.", e.getClass().getSimpleName());
            return List.of();
        }
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }

    /** The stored key, created first if there is none; when two instances race, the first one's is kept. */
    static String keyIn(Connection connection) throws SQLException {
        try (Statement create = connection.createStatement()) {
            create.execute("create table if not exists service_secret (name varchar(100) primary key,"
                    + " secret varchar(200) not null)");
        }
        String stored = read(connection);
        if (stored != null) {
            return stored;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try (PreparedStatement insert = connection
                .prepareStatement("insert into service_secret (name, secret) values (?, ?)")) {
            insert.setString(1, NAME);
            insert.setString(2, Base64.getEncoder().encodeToString(random));
            insert.executeUpdate();
        } catch (SQLException anotherInstanceWasFirst) {
            // Read below: the key the other instance stored.
        }
        return read(connection);
    }

    private static String read(Connection connection) throws SQLException {
        try (PreparedStatement select = connection
                .prepareStatement("select secret from service_secret where name = ?")) {
            select.setString(1, NAME);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static Driver driverFor(String url) throws ReflectiveOperationException {
        String driver = url.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : "org.h2.Driver";
        return (Driver) Class.forName(driver, true, SessionKeySource.class.getClassLoader()).getDeclaredConstructor()
                .newInstance();
    }

    private static String given(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }

    private static void putIfGiven(Properties properties, String name, String value) {
        if (value != null) {
            properties.setProperty(name, value);
        }
    }
}
