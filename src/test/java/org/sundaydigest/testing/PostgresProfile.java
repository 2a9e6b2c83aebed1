package org.sundaydigest.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs a test against a real PostgreSQL instead of H2; the database kind is a build-time setting. */
public class PostgresProfile implements QuarkusTestProfile {

    /** The generic webhook's secret in these tests. */
    public static final String POSTGRES_WEBHOOK_SECRET = "postgres-webhook-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        // The engines under test are started by the tests themselves, not by the poll.
        return Map.of("quarkus.datasource.db-kind", "postgresql", "digest.delivery.poll", "off",
                "digest.webhook.secret", POSTGRES_WEBHOOK_SECRET);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedPostgresResource.class));
    }
}
