package org.sundaydigest.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sundaydigest.subscriber.SubscriberStatus;

/**
 * The first step of the delivery protocol: claiming due recipients under a lease. On PostgreSQL claims lock rows with
 * {@code FOR UPDATE SKIP LOCKED}, so instances never wait for each other's recipients; the conditional {@link #TAKE}
 * keeps claims exclusive on any database.
 */
@ApplicationScoped
class ClaimStore {

    /** A claim of recipients, or when to try again if the shared rate allows none now. */
    record Batch(List<Claim> claims, Optional<Instant> rateLimitedUntil) {
        static Batch empty() {
            return new Batch(List.of(), Optional.empty());
        }
    }

    /**
     * The due recipients in one state, in the order of the index on (issue, status, next attempt, id), so that a claim
     * reads only the rows it takes, whatever the size of the list. The order names all four columns although the first
     * two are fixed: H2 only reads an index in order when the order starts with its first column, and otherwise sorts
     * every due row of the issue for each claim.
     */
    static final String DUE = """
            select d.id from delivery d
            where d.issue_id = :issue and d.status = '%s' and d.next_attempt_at <= :now
            order by d.issue_id, d.status, d.next_attempt_at, d.id
            limit %d %s""";

    /** Recipients claimed by an instance whose lease ran out: it died, or stopped before finishing them. */
    static final String ABANDONED = """
            select d.id from delivery d
            where d.issue_id = :issue and d.status = 'SENDING' and d.lease_until < :now
            order by d.issue_id, d.status, d.next_attempt_at, d.id
            limit %d %s""";

    /** Takes the candidates that are still claimable, so that a row another instance took meanwhile is left to it. */
    private static final String TAKE = """
            update delivery set status = 'SENDING', lease_owner = :owner, lease_until = :until,
                attempts = attempts + 1, updated_at = :now
            where id in (:ids)
              and ((status in ('PENDING', 'DEFERRED') and next_attempt_at <= :now)
                or (status = 'SENDING' and lease_until < :now))""";

    @Inject
    EntityManager em;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    /**
     * Claims up to {@code max} recipients that are due, within the shared rate (messages per second and per hour, 0 for
     * no limit), under a lease for this owner.
     */
    @Transactional(TxType.REQUIRES_NEW)
    Batch claim(long issueId, String owner, int max, Instant now, Instant leaseUntil, int perSecond, int perHour) {
        boolean limited = perSecond > 0 || perHour > 0;
        SendRate rate = limited ? SendRate.lock() : null;
        int allowed = limited ? rate.allowance(max, now, perSecond, perHour) : max;
        if (allowed == 0) {
            return new Batch(List.of(), Optional.of(rate.reopensAt(perHour)));
        }
        List<Long> deliveryIds = new ArrayList<>(allowed);
        // Abandoned claims first, then retries that are due, then recipients not tried yet.
        for (String state : List.of("SENDING", "DEFERRED", "PENDING")) {
            int wanted = allowed - deliveryIds.size();
            if (wanted == 0) {
                break;
            }
            String query = state.equals("SENDING") ? ABANDONED.formatted(wanted, rowLocks())
                    : DUE.formatted(state, wanted, rowLocks());
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery(query).setParameter("issue", issueId).setParameter("now", now)
                    .getResultList();
            ids.forEach(id -> deliveryIds.add(id.longValue()));
        }
        if (deliveryIds.isEmpty()) {
            return Batch.empty();
        }
        em.createNativeQuery(TAKE).setParameter("owner", owner).setParameter("until", leaseUntil)
                .setParameter("now", now).setParameter("ids", deliveryIds).executeUpdate();
        List<Claim> claims = readers(issueId, deliveryIds, owner, leaseUntil);
        if (limited) {
            rate.take(claims.size());
        }
        return new Batch(claims, Optional.empty());
    }

    /**
     * On PostgreSQL the candidates are locked and other instances skip them ({@code FOR UPDATE SKIP LOCKED}). H2 reads
     * them unlocked: with a lock it sorts every due row of the issue for each claim, and an H2 file serves one instance
     * anyway; the conditional {@link #TAKE} keeps claims exclusive either way.
     */
    private String rowLocks() {
        return "h2".equals(dbKind) ? "" : "for update skip locked";
    }

    /** The candidates this owner took, with what their messages need of each reader. */
    private List<Claim> readers(long issueId, List<Long> deliveryIds, String owner, Instant leaseUntil) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select d.id, s.id, d.attempts, s.email, s.unsubscribe_token, s.status
                from delivery d join subscriber s on s.id = d.subscriber_id
                where d.id in (:ids) and d.status = 'SENDING' and d.lease_owner = :owner
                order by d.id
                """).setParameter("ids", deliveryIds).setParameter("owner", owner).getResultList();
        Map<Long, Set<String>> sections = sectionsOf(rows.stream().map(r -> ((Number) r[1]).longValue()).toList());
        return rows.stream().map(r -> {
            long subscriberId = ((Number) r[1]).longValue();
            return new Claim(((Number) r[0]).longValue(), issueId, subscriberId, ((Number) r[2]).intValue(),
                    (String) r[3], (String) r[4], SubscriberStatus.valueOf((String) r[5]),
                    sections.getOrDefault(subscriberId, Set.of()), leaseUntil);
        }).toList();
    }

    private Map<Long, Set<String>> sectionsOf(List<Long> subscriberIds) {
        Map<Long, Set<String>> sections = new HashMap<>();
        if (subscriberIds.isEmpty()) {
            return sections;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select subscriber_id, section from subscriber_section where subscriber_id in (:ids) order by section")
                .setParameter("ids", subscriberIds).getResultList();
        for (Object[] row : rows) {
            sections.computeIfAbsent(((Number) row[0]).longValue(), id -> new LinkedHashSet<>()).add((String) row[1]);
        }
        return sections;
    }
}
