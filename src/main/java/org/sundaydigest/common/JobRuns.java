package org.sundaydigest.common;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;

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

    /** Long enough for any run of a job; the lock's transaction does no work of its own. */
    private static final int LOCK_HELD_SECONDS = 6 * 60 * 60;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String kind;

    /** Whether this instance runs the job now: true for one caller once {@code every} has passed since its last run. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean claim(String job, Instant time, Duration every) {
        // To the millisecond, so that a database that rounds fractions cannot make a run look later than it was.
        Instant now = time.truncatedTo(ChronoUnit.MILLIS);
        return em.createNativeQuery("update job_run set last_run_at = :now where name = :job and last_run_at <= :due")
                .setParameter("now", now).setParameter("job", job).setParameter("due", now.minus(every))
                .executeUpdate() == 1;
    }

    /** The share of the interval by which a timer may fire early and still run a job that allows it. */
    public static final double EARLY = 0.1;

    /**
     * Runs the work here if it is the job's turn and no other instance is running it; returns whether it ran. With
     * {@code early} at {@link #EARLY}, a timer that fires a little before the interval is over still counts, so that
     * the instance that ran the job last is not skipped for a few milliseconds of jitter. On PostgreSQL the job's
     * advisory lock is taken in a transaction that lasts as long as the work (whose own transactions are separate), so
     * the database releases it however the work ends, even when the instance dies.
     */
    public boolean runOnce(String job, Instant now, Duration every, double early, Runnable work) {
        if (!claim(job, now, every.minusMillis((long) (every.toMillis() * early)))) {
            return false;
        }
        if (!kind.toLowerCase(Locale.ROOT).startsWith("postgres")) {
            work.run();
            return true;
        }
        return QuarkusTransaction.requiringNew().timeout(LOCK_HELD_SECONDS).call(() -> {
            Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(:key)")
                    .setParameter("key", 0x5d1900000000L | (job.hashCode() & 0xffffffffL)).getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return false;
            }
            // Outside the lock's transaction, so that the work's changes commit as it makes them.
            QuarkusTransaction.suspendingExisting().run(work);
            return true;
        });
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

}
