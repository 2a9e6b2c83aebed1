package org.sundaydigest.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Jobs that run on one instance at a time and once per interval across instances ({@code job_run}): every instance's
 * timer may try, the one whose conditional update moves the job's last run is the one that runs it, and on PostgreSQL
 * it also holds an advisory lock on the job while it runs, so that a run longer than the interval never overlaps the
 * next one on another instance. H2 has no advisory locks, and one H2 file serves one instance.
 */
@ApplicationScoped
public class JobRuns {

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    /** Whether this instance runs the job now: true for one caller once {@code every} has passed since its last run. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean claim(String job, Instant time, Duration every) {
        // To the millisecond, so that a database that rounds fractions cannot make a run look later than it was.
        Instant now = time.truncatedTo(ChronoUnit.MILLIS);
        return em.createNativeQuery("update job_run set last_run_at = :now where name = :job and last_run_at <= :due")
                .setParameter("now", now).setParameter("job", job).setParameter("due", now.minus(every))
                .executeUpdate() == 1;
    }

    /**
     * Runs the work here if it is the job's turn and no other instance is running it; returns whether it ran. A timer
     * that fires a little early still counts: a tenth of the interval is allowed, so that the instance that ran the job
     * last is not skipped for a few milliseconds of jitter.
     */
    public boolean runOnce(String job, Instant now, Duration every, Runnable work) {
        if (!claim(job, now, every.minus(every.dividedBy(10)))) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgres");
            if (postgres && !advisory(connection, "select pg_try_advisory_lock(?)", job)) {
                return false;
            }
            try {
                work.run();
            } finally {
                if (postgres) {
                    advisory(connection, "select pg_advisory_unlock(?)", job);
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the lock of the job " + job, e);
        }
    }

    /** The interval of a Quarkus {@code every} setting such as "15m" or "PT1M"; null when it is "off". */
    public static Duration interval(String every) {
        String value = every.strip();
        if (value.equalsIgnoreCase("off") || value.equalsIgnoreCase("disabled")) {
            return null;
        }
        if (!Character.isDigit(value.charAt(0))) {
            return Duration.parse(value);
        }
        String upper = value.toUpperCase(Locale.ROOT);
        return upper.endsWith("MS") ? Duration.ofMillis(Long.parseLong(upper.substring(0, upper.length() - 2)))
                : Duration.parse((upper.endsWith("D") ? "P" : "PT") + upper);
    }

    private static boolean advisory(Connection connection, String call, String job) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(call)) {
            // A key of the job's own, apart from any other application's locks on a shared server.
            lock.setLong(1, 0x5d1900000000L | (job.hashCode() & 0xffffffffL));
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
