package org.sundaydigest.delivery;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.sundaydigest.issue.Issue;

/**
 * A send's beginning and end: one delivery per reader active when it starts, failures put back in line, and the issue
 * marked sent, through the issue's own life cycle, once no recipient is left.
 */
@ApplicationScoped
class EnrolmentStore {

    @Inject
    EntityManager em;

    @Inject
    TallyStore tallies;

    /** Creates a pending delivery for every reader active now; readers who already have one are left alone. */
    @Transactional(TxType.MANDATORY)
    int createFor(long issueId, Instant now) {
        int created = em.createNativeQuery("""
                insert into delivery (id, issue_id, subscriber_id, status, attempts, next_attempt_at, updated_at)
                select nextval('delivery_seq'), :issue, s.id, 'PENDING', 0, :now, :now
                from subscriber s
                where s.status = 'ACTIVE'
                  and not exists (select 1 from delivery d where d.issue_id = :issue and d.subscriber_id = s.id)
                  and not exists (select 1 from reader_pause p where p.subscriber_id = s.id and p.until_at > :now)
                """).setParameter("issue", issueId).setParameter("now", now).executeUpdate();
        tallies.enrolled(issueId, created);
        return created;
    }

    /** Puts the issue's failed recipients who are still active back in line. */
    @Transactional(TxType.MANDATORY)
    int retryFailed(long issueId, Instant now) {
        int reopened = em.createNativeQuery("""
                update delivery set status = 'PENDING', attempts = 0, next_attempt_at = :now, updated_at = :now
                where issue_id = :issue and status = 'FAILED'
                  and subscriber_id in (select s.id from subscriber s where s.status = 'ACTIVE')
                """).setParameter("now", now).setParameter("issue", issueId).executeUpdate();
        if (reopened > 0) {
            tallies.retried(issueId, reopened);
        }
        return reopened;
    }

    /** The issues being sent: the engine's work list. */
    @Transactional(TxType.REQUIRES_NEW)
    List<Long> sendingIssues() {
        return Issue.idsBeingSent();
    }

    /** Marks the issue sent when no recipient is pending, in flight or deferred; true if this call did it. */
    @Transactional(TxType.REQUIRES_NEW)
    boolean finishIfDone(long issueId, Instant now) {
        boolean finished = Issue.finishSending(issueId, now, () -> !Delivery.anyOpen(issueId));
        if (finished) {
            tallies.recount(issueId);
        }
        return finished;
    }
}
