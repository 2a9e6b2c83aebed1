package org.sundaydigest.bounce;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.sundaydigest.common.Hashing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A report that matched a reader, kept under the hash of its event key so that the same event, delivered again, is
 * recognised; it also tells editors why a reader stopped getting the digest.
 */
@Entity
@Table(name = "bounce_report")
class BounceReport extends PanacheEntityBase {

    /** How a report was tied to a reader, from the most trusted way to the least. */
    enum MatchedBy {
        VERP, MESSAGE_ID, ADDRESS
    }

    /** A recent report as the readers page lists it. */
    record Recent(Instant receivedAt, String email, Report.Kind kind, Report.Source source, String reason,
            LocalDate issue) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bounce_report_seq")
    @SequenceGenerator(name = "bounce_report_seq", sequenceName = "bounce_report_seq", allocationSize = 50)
    public Long id;

    @Column(name = "event_hash", nullable = false, length = 64, unique = true)
    public String eventHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Report.Source source;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Report.Kind kind;

    @Column(name = "subscriber_id", nullable = false)
    public Long subscriberId;

    @Column(name = "delivery_id")
    public Long deliveryId;

    @Column(name = "issue_id")
    public Long issueId;

    @Enumerated(EnumType.STRING)
    @Column(name = "matched_by", nullable = false, length = 20)
    public MatchedBy matchedBy;

    @Column(length = 500)
    public String reason;

    @Column(name = "reported_at")
    public Instant reportedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    static String hashOf(String eventKey) {
        return Hashing.sha256Hex(eventKey);
    }

    static boolean seen(String eventKey) {
        return count("eventHash", hashOf(eventKey)) > 0;
    }

    /** How many of these copies of the reader's drew a bounce report, temporary or permanent. */
    static long bouncedCopies(long subscriberId, Collection<Long> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return 0;
        }
        return getEntityManager().createQuery("""
                select count(distinct r.deliveryId) from BounceReport r
                where r.subscriberId = :reader and r.deliveryId in :copies and r.kind <> :complaint
                """, Long.class).setParameter("reader", subscriberId).setParameter("copies", deliveryIds)
                .setParameter("complaint", Report.Kind.COMPLAINT).getSingleResult();
    }

    /** The latest reports, newest first, with the reader's address and the issue's date. */
    static List<Recent> recent(int max) {
        return getEntityManager().createQuery("""
                select new org.sundaydigest.bounce.BounceReport$Recent(r.receivedAt, s.email, r.kind, r.source,
                    r.reason, i.sendDate)
                from BounceReport r join Subscriber s on s.id = r.subscriberId
                left join Issue i on i.id = r.issueId
                order by r.receivedAt desc, r.id desc
                """, Recent.class).setMaxResults(max).getResultList();
    }

    static BounceReport of(Report report, String eventKey, long subscriberId, Long deliveryId, Long issueId,
            MatchedBy matchedBy, Instant now) {
        BounceReport row = new BounceReport();
        row.eventHash = hashOf(eventKey);
        row.source = report.source();
        row.kind = report.kind();
        row.subscriberId = subscriberId;
        row.deliveryId = deliveryId;
        row.issueId = issueId;
        row.matchedBy = matchedBy;
        row.reason = report.reason();
        row.reportedAt = report.at();
        row.receivedAt = now;
        return row;
    }
}
