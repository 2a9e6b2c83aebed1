package org.sundaydigest.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.sundaydigest.subscriber.Subscriber;
import org.sundaydigest.subscriber.SubscriberStatus;

import io.agroal.api.AgroalDataSource;

/**
 * The delivery protocol's state changes, each a short transaction of its own. Claims lock rows with
 * {@code FOR UPDATE SKIP LOCKED}, so instances never wait for each other's recipients; every later change is guarded by
 * the claim's owner, so an instance whose lease ran out cannot overwrite the work of the one that took over.
 */
@ApplicationScoped
class DeliveryStore {

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

    /**
     * Takes the candidates that are still claimable, so that a row another instance took meanwhile is left to it.
     */
    private static final String TAKE = """
            update delivery set status = 'SENDING', lease_owner = :owner, lease_until = :until,
                attempts = attempts + 1, updated_at = :now
            where id in (:ids)
              and ((status in ('PENDING', 'DEFERRED') and next_attempt_at <= :now)
                or (status = 'SENDING' and lease_until < :now))""";

    private static final String OPEN = "('PENDING', 'SENDING', 'DEFERRED')";

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    /** Creates a pending delivery for every reader active now; readers who already have one are left alone. */
    @Transactional(TxType.MANDATORY)
    int createFor(long issueId, Instant now) {
        int created = em.createNativeQuery("""
                insert into delivery (id, issue_id, subscriber_id, status, attempts, next_attempt_at, updated_at)
                select nextval('delivery_seq'), :issue, s.id, 'PENDING', 0, :now, :now
                from subscriber s
                where s.status = 'ACTIVE'
                  and not exists (select 1 from delivery d where d.issue_id = :issue and d.subscriber_id = s.id)
                """).setParameter("issue", issueId).setParameter("now", now).executeUpdate();
        int counted = em
                .createNativeQuery("update delivery_tally set recipients = recipients + :n where issue_id = :issue")
                .setParameter("n", created).setParameter("issue", issueId).executeUpdate();
        if (counted == 0) {
            em.createNativeQuery(
                    """
                            insert into delivery_tally (issue_id, recipients, sent, failed, skipped) values (:issue, :n, 0, 0, 0)
                            """)
                    .setParameter("issue", issueId).setParameter("n", created).executeUpdate();
        }
        return created;
    }

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

    /** What happened to one claimed recipient, to be recorded. */
    record Result(Claim claim, DeliveryStatus status, String reason, Instant nextAttempt, String messageId,
            boolean bounce) {

        static Result sent(Claim claim, String messageId) {
            return new Result(claim, DeliveryStatus.SENT, null, null, messageId, false);
        }

        static Result deferred(Claim claim, String reason, Instant retryAt) {
            return new Result(claim, DeliveryStatus.DEFERRED, reason, retryAt, null, false);
        }

        static Result failed(Claim claim, String reason, boolean bounce) {
            return new Result(claim, DeliveryStatus.FAILED, reason, null, null, bounce);
        }

        static Result skipped(Claim claim, String reason) {
            return new Result(claim, DeliveryStatus.SKIPPED, reason, null, null, false);
        }

        /** Handed back untried, to be claimed again from {@code retryAt}. */
        static Result released(Claim claim, Instant retryAt) {
            return new Result(claim, DeliveryStatus.PENDING, null, retryAt, null, false);
        }
    }

    /**
     * Records outcomes in one transaction, so that concurrent senders share a commit. Each change applies only while
     * the row is still claimed by this owner; a bounce also takes the reader off the list.
     */
    @Transactional(TxType.REQUIRES_NEW)
    void recordAll(List<Result> results, String owner, Instant now) {
        List<Result> sent = results.stream().filter(result -> result.status() == DeliveryStatus.SENT).toList();
        Tally tally = new Tally();
        for (Result result : results) {
            if (result.status() == DeliveryStatus.SENT) {
                continue;
            }
            Instant next = result.nextAttempt() == null ? now : result.nextAttempt();
            if (end(result.claim(), owner, result.status().name(), result.reason(), next, now,
                    result.status() == DeliveryStatus.PENDING)) {
                tally.add(result.claim().issueId(), result.status(), 1);
            }
            if (result.bounce()) {
                Subscriber.<Subscriber> findByIdOptional(result.claim().subscriberId())
                        .ifPresent(reader -> reader.bounce(now));
            }
        }
        em.unwrap(Session.class).doWork(connection -> {
            writeSent(connection, sent, owner, now, tally);
            tally.write(connection);
        });
    }

    /**
     * Records a group of messages the relay took: the common case, kept to one JDBC batch in a local transaction of its
     * own (no JTA, no persistence context), so a commit costs the database's work and little else.
     */
    void recordSent(List<Result> sent, String owner, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Tally tally = new Tally();
                writeSent(connection, sent, owner, now, tally);
                tally.write(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The sent messages could not be recorded: " + e.getMessage(), e);
        }
    }

    private static void writeSent(Connection connection, List<Result> sent, String owner, Instant now, Tally tally)
            throws SQLException {
        if (sent.isEmpty()) {
            return;
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        try (PreparedStatement update = connection.prepareStatement("""
                update delivery set status = 'SENT', sent_at = ?, sent_by = ?, message_id = ?,
                    last_error = null, lease_owner = null, lease_until = null, updated_at = ?
                where id = ? and lease_owner = ? and status = 'SENDING'
                """)) {
            for (Result result : sent) {
                update.setObject(1, at);
                update.setString(2, owner);
                update.setString(3, result.messageId());
                update.setObject(4, at);
                update.setLong(5, result.claim().deliveryId());
                update.setString(6, owner);
                update.addBatch();
            }
            int[] updated = update.executeBatch();
            for (int i = 0; i < updated.length; i++) {
                tally.add(sent.get(i).claim().issueId(), DeliveryStatus.SENT, Math.max(0, updated[i]));
            }
        }
    }

    /**
     * The settled outcomes a transaction adds to each issue's counters, written with it, so that the counters move
     * exactly with the rows; only changes that applied are counted.
     */
    private static final class Tally {

        private final Map<Long, long[]> byIssue = new TreeMap<>();

        void add(long issueId, DeliveryStatus status, int count) {
            int column = switch (status) {
            case SENT -> 0;
            case FAILED -> 1;
            case SKIPPED -> 2;
            default -> -1;
            };
            if (column >= 0 && count > 0) {
                byIssue.computeIfAbsent(issueId, id -> new long[3])[column] += count;
            }
        }

        /** Issues in id order, so that two instances' transactions never wait for each other in a circle. */
        void write(Connection connection) throws SQLException {
            if (byIssue.isEmpty()) {
                return;
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update delivery_tally set sent = sent + ?, failed = failed + ?, skipped = skipped + ? where issue_id = ?")) {
                for (Map.Entry<Long, long[]> issue : byIssue.entrySet()) {
                    update.setLong(1, issue.getValue()[0]);
                    update.setLong(2, issue.getValue()[1]);
                    update.setLong(3, issue.getValue()[2]);
                    update.setLong(4, issue.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
    }

    private boolean end(Claim claim, String owner, String status, String reason, Instant nextAttempt, Instant now,
            boolean untried) {
        return em.createNativeQuery("""
                update delivery set status = :status, last_error = coalesce(:reason, last_error),
                    next_attempt_at = :next, attempts = attempts - :untried,
                    lease_owner = null, lease_until = null, updated_at = :now
                where id = :id and lease_owner = :owner and status = 'SENDING'
                """).setParameter("status", status).setParameter("reason", reason).setParameter("next", nextAttempt)
                .setParameter("untried", untried ? 1 : 0).setParameter("now", now)
                .setParameter("id", claim.deliveryId()).setParameter("owner", owner).executeUpdate() == 1;
    }

    /** A page of the issue's recipients and outcomes, in delivery id order; the id comes first in each row. */
    @Transactional(TxType.MANDATORY)
    List<Object[]> csvPage(long issueId, long afterId, int size) {
        return em.createQuery("""
                select d.id, d.subscriberId, s.email, d.status, d.attempts, d.sentAt, d.messageId, d.lastError
                from Delivery d, Subscriber s
                where s.id = d.subscriberId and d.issueId = :issue and d.id > :after
                order by d.id
                """, Object[].class).setParameter("issue", issueId).setParameter("after", afterId).setMaxResults(size)
                .getResultList();
    }

    /** The issues being sent: the engine's work list. */
    @Transactional(TxType.REQUIRES_NEW)
    List<Long> sendingIssues() {
        @SuppressWarnings("unchecked")
        List<Number> ids = em
                .createNativeQuery("select id from digest_issue where status = 'SENDING' order by send_date")
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /**
     * Marks the issue sent when no recipient is pending, in flight or deferred, with its final counters; true if this
     * call did it.
     */
    @Transactional(TxType.REQUIRES_NEW)
    boolean finishIfDone(long issueId, Instant now) {
        boolean finished = em.createNativeQuery("""
                update digest_issue set status = 'SENT', sent_at = :now, updated_at = :now
                where id = :issue and status = 'SENDING'
                  and not exists (select 1 from delivery d where d.issue_id = :issue and d.status in %s)
                """.formatted(OPEN)).setParameter("now", now).setParameter("issue", issueId).executeUpdate() == 1;
        if (finished) {
            // Counted once more from the rows, so the kept counters are exact whatever happened during the send.
            em.createNativeQuery("""
                    update delivery_tally set
                        sent = (select count(*) from delivery where issue_id = :issue and status = 'SENT'),
                        failed = (select count(*) from delivery where issue_id = :issue and status = 'FAILED'),
                        skipped = (select count(*) from delivery where issue_id = :issue and status = 'SKIPPED')
                    where issue_id = :issue
                    """).setParameter("issue", issueId).executeUpdate();
        }
        return finished;
    }

    /**
     * The issue's counters. Settled outcomes are kept in {@code delivery_tally} as they are recorded; only the few
     * recipients in flight or deferred are counted from the rows, and the pending ones follow from the rest, so a look
     * at the progress costs the same for a list of any size. Sends started before the counters were kept are counted
     * from their rows.
     */
    @Transactional(TxType.REQUIRES_NEW)
    ProgressCache.Counts countsOf(long issueId) {
        @SuppressWarnings("unchecked")
        List<Object[]> kept = em.createNativeQuery("""
                select t.recipients, t.sent, t.failed, t.skipped, i.status
                from delivery_tally t join digest_issue i on i.id = t.issue_id
                where t.issue_id = :issue
                """).setParameter("issue", issueId).getResultList();
        if (kept.isEmpty()) {
            Map<DeliveryStatus, Long> counts = Delivery.countsFor(issueId);
            return new ProgressCache.Counts(counts.get(DeliveryStatus.SENT), counts.get(DeliveryStatus.DEFERRED),
                    counts.get(DeliveryStatus.FAILED),
                    counts.get(DeliveryStatus.PENDING) + counts.get(DeliveryStatus.SENDING),
                    counts.get(DeliveryStatus.SKIPPED));
        }
        Object[] row = kept.get(0);
        long sent = ((Number) row[1]).longValue();
        long failed = ((Number) row[2]).longValue();
        long skipped = ((Number) row[3]).longValue();
        if ("SENT".equals(row[4])) {
            return new ProgressCache.Counts(sent, 0, failed, 0, skipped);
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
        long pending = Math.max(0, ((Number) row[0]).longValue() - sent - failed - skipped - deferred - inFlight);
        return new ProgressCache.Counts(sent, deferred, failed, pending + inFlight, skipped);
    }

    /** Puts the issue's failed recipients who are still active back in line; the issue is sending again. */
    @Transactional(TxType.MANDATORY)
    int retryFailed(long issueId, Instant now) {
        int reopened = em.createNativeQuery("""
                update delivery set status = 'PENDING', attempts = 0, next_attempt_at = :now, updated_at = :now
                where issue_id = :issue and status = 'FAILED'
                  and subscriber_id in (select s.id from subscriber s where s.status = 'ACTIVE')
                """).setParameter("now", now).setParameter("issue", issueId).executeUpdate();
        if (reopened > 0) {
            em.createNativeQuery("update delivery_tally set failed = failed - :n where issue_id = :issue")
                    .setParameter("n", reopened).setParameter("issue", issueId).executeUpdate();
            em.createNativeQuery("""
                    update digest_issue set status = 'SENDING', sent_at = null, updated_at = :now
                    where id = :issue and status = 'SENT'
                    """).setParameter("now", now).setParameter("issue", issueId).executeUpdate();
        }
        return reopened;
    }
}
