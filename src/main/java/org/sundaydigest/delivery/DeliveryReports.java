package org.sundaydigest.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * What the bounce feature needs of the deliveries: the copy a report is about, a reader's latest copies, and the report
 * written into the copy's row and its issue's counters. The copy stays {@code SENT}: it was sent, and the report says
 * what became of it.
 */
@ApplicationScoped
public class DeliveryReports {

    /** One reader's copy of one issue. */
    public record Copy(long deliveryId, long issueId, long subscriberId) {
    }

    /** What a report makes of a copy; a complaint weighs more than a bounce and replaces it. */
    public enum Verdict {
        BOUNCED("bounced"), COMPLAINED("complained");

        final String column;

        Verdict(String column) {
            this.column = column;
        }
    }

    @Inject
    EntityManager em;

    /** The sent copy that carried this Message-ID. */
    @Transactional(TxType.MANDATORY)
    public Optional<Copy> byMessageId(String messageId) {
        return copies("where message_id = :id and status = 'SENT'", "id", messageId, 1).stream().findFirst();
    }

    /** The reader's most recent sent copies, newest first. */
    @Transactional(TxType.MANDATORY)
    public List<Copy> latestSentTo(long subscriberId, int max) {
        return copies("where subscriber_id = :id and status = 'SENT' order by sent_at desc, id desc", "id",
                subscriberId, max);
    }

    /**
     * Writes the report into the copy's row and counts it for the issue, unless the copy already carries this report or
     * a weightier one; whether it did.
     */
    @Transactional(TxType.MANDATORY)
    public boolean report(Copy copy, Verdict verdict, String reason, Instant at) {
        @SuppressWarnings("unchecked")
        // Locked, so that a bounce and a complaint about one copy at once are applied one after the other.
        List<String> reports = em.createNativeQuery("select report from delivery where id = :id for update")
                .setParameter("id", copy.deliveryId()).getResultList();
        if (reports.isEmpty()) {
            return false; // the copy went with its reader
        }
        String previous = reports.get(0);
        if (verdict.column.equals(previous) || Verdict.COMPLAINED.column.equals(previous)) {
            return false;
        }
        em.createNativeQuery(
                "update delivery set report = :report, report_reason = :reason, reported_at = :at" + " where id = :id")
                .setParameter("report", verdict.column).setParameter("reason", reason).setParameter("at", at)
                .setParameter("id", copy.deliveryId()).executeUpdate();
        String counters = verdict == Verdict.BOUNCED ? "bounced = bounced + 1" : previous == null
                ? "complaints = complaints + 1" : "complaints = complaints + 1, bounced = bounced - 1";
        em.createNativeQuery("update delivery_tally set " + counters + " where issue_id = :issue")
                .setParameter("issue", copy.issueId()).executeUpdate();
        return true;
    }

    private List<Copy> copies(String where, String name, Object value, int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, issue_id, subscriber_id from delivery " + where)
                .setParameter(name, value).setMaxResults(max).getResultList();
        return rows.stream().map(row -> new Copy(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue())).toList();
    }
}
