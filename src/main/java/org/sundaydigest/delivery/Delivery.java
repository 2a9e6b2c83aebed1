package org.sundaydigest.delivery;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.sundaydigest.issue.Sending;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One reader's copy of one issue. Rows are created in bulk, by SQL, when the issue starts sending, and change state
 * through the stores' guarded updates; the entity is the read side.
 */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "issue_id", nullable = false)
    public Long issueId;

    @Column(name = "subscriber_id", nullable = false)
    public Long subscriberId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_owner", length = 100)
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "message_id", length = 300)
    public String messageId;

    @Column(name = "last_error", length = 500)
    public String lastError;

    @Column(name = "sent_by", length = 100)
    public String sentBy;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** What a mail system said after taking the copy: {@code bounced} or {@code complained}; null when nothing. */
    @Column(length = 20)
    public String report;

    @Column(name = "report_reason", length = 500)
    public String reportReason;

    @Column(name = "reported_at")
    public Instant reportedAt;

    /** Whether any recipient of the issue is still pending, in flight or deferred. */
    static boolean anyOpen(long issueId) {
        return find("issueId = ?1 and status in ?2", issueId, DeliveryStatus.OPEN).firstResultOptional().isPresent();
    }

    /** A page of the issue's recipients and outcomes, in delivery id order; the id comes first in each row. */
    static List<Object[]> csvPage(long issueId, long afterId, int size) {
        return getEntityManager().createQuery("""
                select d.id, d.subscriberId, s.email, d.status, d.attempts, d.sentAt, d.messageId, d.lastError,
                    d.report, d.reportReason
                from Delivery d, Subscriber s
                where s.id = d.subscriberId and d.issueId = :issue and d.id > :after
                order by d.id
                """, Object[].class).setParameter("issue", issueId).setParameter("after", afterId).setMaxResults(size)
                .getResultList();
    }

    /** Up to {@code max} recipients of the issue whose copy failed for good, most recent first. */
    public static List<Sending.Failure> failuresOf(long issueId, int max) {
        return getEntityManager().createQuery("""
                select s.email, d.attempts, d.lastError, d.updatedAt from Delivery d, Subscriber s
                where s.id = d.subscriberId and d.issueId = :issue and d.status = :failed
                order by d.updatedAt desc, d.id desc
                """, Object[].class).setParameter("issue", issueId).setParameter("failed", DeliveryStatus.FAILED)
                .setMaxResults(max).getResultList().stream().map(row -> new Sending.Failure((String) row[0],
                        ((Number) row[1]).intValue(), (String) row[2], (Instant) row[3]))
                .toList();
    }

}
