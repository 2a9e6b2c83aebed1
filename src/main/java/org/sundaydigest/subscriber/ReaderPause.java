package org.sundaydigest.subscriber;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A reader's pause: issues that start sending before {@code untilAt} leave them out (the enrolment reads it). */
@Entity
@Table(name = "reader_pause")
class ReaderPause extends PanacheEntityBase {

    @Id
    @Column(name = "subscriber_id")
    public Long subscriberId;

    @Column(name = "until_at", nullable = false)
    public Instant untilAt;

    /** Until when the reader pauses, if they do now. */
    static Optional<Instant> until(long subscriberId, Instant now) {
        return ReaderPause.<ReaderPause> findByIdOptional(subscriberId).map(p -> p.untilAt).filter(now::isBefore);
    }

    /** Pauses the reader until then, replacing an earlier pause. */
    static void pause(long subscriberId, Instant until) {
        ReaderPause pause = ReaderPause.<ReaderPause> findByIdOptional(subscriberId).orElseGet(() -> {
            ReaderPause fresh = new ReaderPause();
            fresh.subscriberId = subscriberId;
            return fresh;
        });
        pause.untilAt = until;
        pause.persist();
    }

    /** Ends the reader's pause; whether there was one. */
    static boolean resume(long subscriberId) {
        return deleteById(subscriberId);
    }
}
