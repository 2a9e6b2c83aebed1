package org.sundaydigest.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The kept counters of every send ({@code delivery_tally}): settled outcomes are added as they are recorded, so that a
 * look at a send's progress costs the same for a list of any size, and they are counted once more from the rows when
 * the issue is sent.
 */
@ApplicationScoped
class TallyStore {

    @Inject
    EntityManager em;

    /** Counts {@code recipients} more recipients of the issue, creating its counters on its first enrolment. */
    @Transactional(TxType.MANDATORY)
    void enrolled(long issueId, int recipients) {
        int counted = em
                .createNativeQuery("update delivery_tally set recipients = recipients + :n where issue_id = :issue")
                .setParameter("n", recipients).setParameter("issue", issueId).executeUpdate();
        if (counted == 0) {
            em.createNativeQuery(
                    """
                            insert into delivery_tally (issue_id, recipients, sent, failed, skipped) values (:issue, :n, 0, 0, 0)
                            """)
                    .setParameter("issue", issueId).setParameter("n", recipients).executeUpdate();
        }
    }

    /** Takes back failures that were put in line again. */
    @Transactional(TxType.MANDATORY)
    void retried(long issueId, int reopened) {
        em.createNativeQuery("update delivery_tally set failed = failed - :n where issue_id = :issue")
                .setParameter("n", reopened).setParameter("issue", issueId).executeUpdate();
    }

    /**
     * Adds a transaction's outcomes, issues in id order so that two instances never wait for each other in a circle.
     */
    void add(Connection connection, Map<Long, Tally> byIssue) throws SQLException {
        if (byIssue.values().stream().allMatch(Tally::isEmpty)) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update delivery_tally set sent = sent + ?, failed = failed + ?, skipped = skipped + ? where issue_id = ?")) {
            for (Map.Entry<Long, Tally> issue : byIssue.entrySet()) {
                update.setLong(1, issue.getValue().sent());
                update.setLong(2, issue.getValue().failed());
                update.setLong(3, issue.getValue().skipped());
                update.setLong(4, issue.getKey());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Counts the settled outcomes from the rows, so the kept counters are exact whatever happened during the send. */
    @Transactional(TxType.MANDATORY)
    void recount(long issueId) {
        em.createNativeQuery("""
                update delivery_tally set
                    sent = (select count(*) from delivery where issue_id = :issue and status = 'SENT'),
                    failed = (select count(*) from delivery where issue_id = :issue and status = 'FAILED'),
                    skipped = (select count(*) from delivery where issue_id = :issue and status = 'SKIPPED'),
                    bounced = (select count(*) from delivery where issue_id = :issue and report = 'bounced'),
                    complaints = (select count(*) from delivery where issue_id = :issue and report = 'complained')
                where issue_id = :issue
                """).setParameter("issue", issueId).executeUpdate();
    }

    /**
     * The issue's counters: the settled ones as kept; only the few recipients in flight or deferred are counted from
     * the rows, and the pending ones follow from the rest. A send with no counters has no recipients yet.
     */
    @Transactional(TxType.REQUIRES_NEW)
    ProgressCache.Counts countsOf(long issueId) {
        @SuppressWarnings("unchecked")
        List<Object[]> kept = em.createNativeQuery("""
                select t.recipients, t.sent, t.failed, t.skipped, i.status, t.bounced, t.complaints
                from delivery_tally t join digest_issue i on i.id = t.issue_id
                where t.issue_id = :issue
                """).setParameter("issue", issueId).getResultList();
        if (kept.isEmpty()) {
            return new ProgressCache.Counts(0, 0, 0, 0, 0, 0, 0);
        }
        Object[] row = kept.get(0);
        Tally settled = new Tally(((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                ((Number) row[3]).longValue());
        long bounced = ((Number) row[5]).longValue();
        long complaints = ((Number) row[6]).longValue();
        if ("SENT".equals(row[4])) {
            return new ProgressCache.Counts(settled.sent(), 0, settled.failed(), 0, settled.skipped(), bounced,
                    complaints);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> open = em.createNativeQuery("""
                select status, count(*) from delivery
                where issue_id = :issue and status in ('DEFERRED', 'SENDING') group by status
                """).setParameter("issue", issueId).getResultList();
        Map<String, Long> live = new HashMap<>();
        open.forEach(r -> live.put((String) r[0], ((Number) r[1]).longValue()));
        long deferred = live.getOrDefault("DEFERRED", 0L);
        long inFlight = live.getOrDefault("SENDING", 0L);
        // A reader erased during the send takes their row along; the counters cannot go below what is left.
        long pending = Math.max(0, ((Number) row[0]).longValue() - settled.sent() - settled.failed() - settled.skipped()
                - deferred - inFlight);
        return new ProgressCache.Counts(settled.sent(), deferred, settled.failed(), pending + inFlight,
                settled.skipped(), bounced, complaints);
    }

    /** One sending issue's recipients not yet settled. */
    record Open(LocalDate sendDate, long open) {
    }

    /** The open recipients of every issue now sending, from the kept counters: one row per such issue. */
    @Transactional(TxType.REQUIRES_NEW)
    List<Open> openBySendingIssue() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select i.send_date, t.recipients - t.sent - t.failed - t.skipped
                from delivery_tally t join digest_issue i on i.id = t.issue_id
                where i.status = 'SENDING'
                """).getResultList();
        return rows.stream()
                .map(row -> new Open(row[0] instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) row[0],
                        Math.max(0, ((Number) row[1]).longValue())))
                .toList();
    }
}
