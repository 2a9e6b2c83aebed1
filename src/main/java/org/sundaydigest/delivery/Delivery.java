package org.sundaydigest.delivery;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
 * through {@link DeliveryStore}'s guarded updates; the entity is the read side.
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

    /** How many of the issue's deliveries are in each state; states without any are counted as zero. */
    static Map<DeliveryStatus, Long> countsFor(long issueId) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status, 0L);
        }
        getEntityManager()
                .createQuery("select d.status, count(d) from Delivery d where d.issueId = :issue group by d.status",
                        Object[].class)
                .setParameter("issue", issueId).getResultList()
                .forEach(row -> counts.put((DeliveryStatus) row[0], (Long) row[1]));
        return counts;
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
