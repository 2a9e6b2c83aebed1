package org.sundaydigest.common;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Jobs that run once across instances ({@code job_run}): every instance may try, and the one whose conditional update
 * moves the job's last run is the one that runs it.
 */
@ApplicationScoped
public class JobRuns {

    @Inject
    EntityManager em;

    /** Whether this instance runs the job now: true for one caller once {@code every} has passed since its last run. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean claim(String job, Instant time, Duration every) {
        // To the millisecond, so that a database that rounds fractions cannot make a run look later than it was.
        Instant now = time.truncatedTo(ChronoUnit.MILLIS);
        return em.createNativeQuery("update job_run set last_run_at = :now where name = :job and last_run_at <= :due")
                .setParameter("now", now).setParameter("job", job).setParameter("due", now.minus(every))
                .executeUpdate() == 1;
    }
}
