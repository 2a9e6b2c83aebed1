package org.sundaydigest.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.Session;
import org.sundaydigest.subscriber.Subscriber;

import io.agroal.api.AgroalDataSource;

/**
 * The second step of the delivery protocol: recording what the relay said. Every change applies only while the row is
 * still claimed by its owner, so an instance whose lease ran out cannot overwrite the work of the one that took over;
 * the kept counters move in the same transaction as the rows.
 */
@ApplicationScoped
class OutcomeStore {

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TallyStore tallies;

    /**
     * Records outcomes in one transaction, so that concurrent senders share a commit. A bounce also takes the reader
     * off the list.
     */
    @Transactional(TxType.REQUIRES_NEW)
    void recordAll(List<DeliveryResult> results, String owner, Instant now) {
        List<DeliveryResult> sent = results.stream().filter(result -> result.status() == DeliveryStatus.SENT).toList();
        Map<Long, Tally> tally = new TreeMap<>();
        for (DeliveryResult result : results) {
            if (result.status() == DeliveryStatus.SENT) {
                continue;
            }
            Instant next = result.nextAttempt() == null ? now : result.nextAttempt();
            if (end(result, owner, next, now)) {
                count(tally, result, 1);
            }
            if (result.bounce()) {
                Subscriber.<Subscriber> findByIdOptional(result.claim().subscriberId())
                        .ifPresent(reader -> reader.bounce(now));
            }
        }
        em.unwrap(Session.class).doWork(connection -> {
            writeSent(connection, sent, owner, now, tally);
            tallies.add(connection, tally);
        });
    }

    /**
     * Records a group of messages the relay took: the common case, kept to one JDBC batch in a local transaction of its
     * own (no JTA, no persistence context), so a commit costs the database's work and little else.
     */
    void recordSent(List<DeliveryResult> sent, String owner, Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<Long, Tally> tally = new TreeMap<>();
                writeSent(connection, sent, owner, now, tally);
                tallies.add(connection, tally);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The sent messages could not be recorded: " + e.getMessage(), e);
        }
    }

    private static void writeSent(Connection connection, List<DeliveryResult> sent, String owner, Instant now,
            Map<Long, Tally> tally) throws SQLException {
        if (sent.isEmpty()) {
            return;
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        try (PreparedStatement update = connection.prepareStatement("""
                update delivery set status = 'SENT', sent_at = ?, sent_by = ?, message_id = ?,
                    last_error = null, lease_owner = null, lease_until = null, updated_at = ?
                where id = ? and lease_owner = ? and status = 'SENDING'
                """)) {
            for (DeliveryResult result : sent) {
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
                count(tally, sent.get(i), Math.max(0, updated[i]));
            }
        }
    }

    /** Only changes that applied are counted, so the counters move exactly with the rows. */
    private static void count(Map<Long, Tally> tally, DeliveryResult result, int applied) {
        if (applied > 0) {
            tally.merge(result.claim().issueId(), Tally.NONE.plus(result.status(), applied),
                    (a, b) -> new Tally(a.sent() + b.sent(), a.failed() + b.failed(), a.skipped() + b.skipped()));
        }
    }

    private boolean end(DeliveryResult result, String owner, Instant nextAttempt, Instant now) {
        return em.createNativeQuery("""
                update delivery set status = :status, last_error = coalesce(:reason, last_error),
                    next_attempt_at = :next, attempts = attempts - :untried,
                    lease_owner = null, lease_until = null, updated_at = :now
                where id = :id and lease_owner = :owner and status = 'SENDING'
                """).setParameter("status", result.status().name()).setParameter("reason", result.reason())
                .setParameter("next", nextAttempt)
                .setParameter("untried", result.status() == DeliveryStatus.PENDING ? 1 : 0).setParameter("now", now)
                .setParameter("id", result.claim().deliveryId()).setParameter("owner", owner).executeUpdate() == 1;
    }
}
