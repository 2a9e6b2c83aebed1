package org.sundaydigest.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.sundaydigest.subscriber.SubscriberStatus;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Readers written straight into the database, in numbers no sign-up test would create one by one. */
public final class Readers {

    /** A reader as the tests know them: id, address and status. */
    public record Reader(long id, String email, SubscriberStatus status, String unsubscribeToken) {
    }

    private Readers() {
    }

    /** Inserts {@code count} readers with the given status and fresh addresses; returns them in insertion order. */
    public static List<Reader> insert(int count, SubscriberStatus status, String name) {
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            List<Reader> readers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String email = Api.uniqueEmail(name + i);
                String token = UUID.randomUUID().toString().replace("-", "");
                em.createNativeQuery("""
                        insert into subscriber (id, email, email_key, status, unsubscribe_token, created_at)
                        values (nextval('subscriber_seq'), :email, :email, :status, :token, :now)
                        """).setParameter("email", email).setParameter("status", status.name())
                        .setParameter("token", token).setParameter("now", Instant.now()).executeUpdate();
                long id = ((Number) em.createNativeQuery("select id from subscriber where email_key = :email")
                        .setParameter("email", email).getSingleResult()).longValue();
                readers.add(new Reader(id, email, status, token));
            }
            return readers;
        });
    }

    /** Gives a reader a choice of sections. */
    public static void chooseSections(long subscriberId, String... sections) {
        QuarkusTransaction.requiringNew().run(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            for (String section : sections) {
                em.createNativeQuery("insert into subscriber_section (subscriber_id, section) values (:id, :section)")
                        .setParameter("id", subscriberId).setParameter("section", section).executeUpdate();
            }
        });
    }

    /** The reader's status now. */
    public static SubscriberStatus statusOf(long subscriberId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> SubscriberStatus.valueOf((String) Arc.container().instance(EntityManager.class).get()
                        .createNativeQuery("select status from subscriber where id = :id")
                        .setParameter("id", subscriberId).getSingleResult()));
    }

    /** Takes the readers off the list, so that later sends in other tests do not mail them. */
    public static void retire(List<Reader> readers) {
        if (readers.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew()
                .run(() -> Arc.container().instance(EntityManager.class).get()
                        .createNativeQuery("update subscriber set status = 'UNSUBSCRIBED' where id in (:ids)")
                        .setParameter("ids", readers.stream().map(Reader::id).toList()).executeUpdate());
    }
}
