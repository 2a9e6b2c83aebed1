package org.sundaydigest.attempt;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One attempt that a limit counts: a failed sign-in, a sign-up, a confirmation email. The subject is a SHA-256 of what
 * is counted (an account and a client address, an address), so the table keeps no address in the clear.
 */
@Entity
@Table(name = "attempt")
class Attempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(generator = "attempt_seq")
    @SequenceGenerator(name = "attempt_seq", sequenceName = "attempt_seq", allocationSize = 50)
    Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    Attempts.Kind kind;

    @Column(nullable = false, length = 64)
    String subject;

    @Column(name = "at", nullable = false)
    Instant at;

    static long countSince(Attempts.Kind kind, String subject, Instant since) {
        return count("kind = ?1 and subject = ?2 and at >= ?3", kind, subject, since);
    }

    static Optional<Instant> oldestSince(Attempts.Kind kind, String subject, Instant since) {
        return getEntityManager()
                .createQuery("select min(a.at) from Attempt a where a.kind = :kind and a.subject = :subject"
                        + " and a.at >= :since", Instant.class)
                .setParameter("kind", kind).setParameter("subject", subject).setParameter("since", since)
                .getResultStream().filter(java.util.Objects::nonNull).findFirst();
    }
}
