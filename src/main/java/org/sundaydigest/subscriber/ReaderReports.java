package org.sundaydigest.subscriber;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * What mail systems report about readers after the fact, as the subscriber feature applies it: a dead address makes the
 * reader {@code BOUNCED}, a spam complaint takes them off the list and suppresses the address until they sign up and
 * confirm again. Each change is recorded once in the consent record, however often it is reported.
 */
@ApplicationScoped
public class ReaderReports {

    /** A reader a report may be about. */
    public record Reader(long id, String email, SubscriberStatus status) {
    }

    @Inject
    SubscriberMetrics metrics;

    @Transactional(TxType.MANDATORY)
    public Optional<Reader> byEmail(String email) {
        return Subscriber.findByEmail(email).map(ReaderReports::reader);
    }

    @Transactional(TxType.MANDATORY)
    public Optional<Reader> byId(long id) {
        return Subscriber.<Subscriber> findByIdOptional(id).map(ReaderReports::reader);
    }

    /** The reader's address bounces for good; whether that took an active reader off the list. */
    @Transactional(TxType.MANDATORY)
    public boolean bounced(long id, Instant now) {
        return Subscriber.<Subscriber> findByIdOptional(id).map(reader -> reader.bounce(now)).orElse(false);
    }

    /**
     * The reader marked a digest as spam: they are unsubscribed (channel {@code COMPLAINT}) and the address is
     * suppressed whatever their status was; whether that took them off the list.
     */
    @Transactional(TxType.MANDATORY)
    public boolean complained(long id, Instant now) {
        Optional<Subscriber> found = Subscriber.findByIdOptional(id);
        if (found.isEmpty()) {
            return false;
        }
        Subscriber reader = found.get();
        Suppression.suppress(reader.email, "COMPLAINT", now);
        if (reader.status != SubscriberStatus.ACTIVE && reader.status != SubscriberStatus.PENDING
                || !reader.unsubscribe(now)) {
            return false;
        }
        reader.record(ConsentEvent.Type.UNSUBSCRIBE, new RequestOrigin(Channel.COMPLAINT, null, null), now, null);
        metrics.unsubscribed(Channel.COMPLAINT);
        return true;
    }

    private static Reader reader(Subscriber subscriber) {
        return new Reader(subscriber.id, subscriber.email, subscriber.status);
    }
}
