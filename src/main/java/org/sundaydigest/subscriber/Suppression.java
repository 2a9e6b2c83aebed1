package org.sundaydigest.subscriber;

import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.sundaydigest.common.Hashing;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * What is left of an erased reader: the SHA-256 of their address, so that it is not mailed again until its owner signs
 * up and confirms anew.
 */
@Entity
@Table(name = "suppression")
public class Suppression extends PanacheEntity {

    @Column(name = "email_hash", nullable = false, unique = true, length = 64)
    public String emailHash;

    @Column(nullable = false, length = 30)
    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static String hashOf(String email) {
        return Hashing.sha256Hex(email.trim().toLowerCase(Locale.ROOT));
    }

    public static boolean isSuppressed(String email) {
        return count("emailHash", hashOf(email)) > 0;
    }

    static void suppress(String email, String reason, Instant now) {
        if (!isSuppressed(email)) {
            Suppression entry = new Suppression();
            entry.emailHash = hashOf(email);
            entry.reason = reason;
            entry.createdAt = now;
            entry.persist();
        }
    }

    static void lift(String email) {
        delete("emailHash", hashOf(email));
    }
}
