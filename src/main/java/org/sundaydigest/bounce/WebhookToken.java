package org.sundaydigest.bounce;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.sundaydigest.common.Hashing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A one-time token of a signed webhook call that was taken. Mailgun signs its timestamp and token but not its events: a
 * captured call could otherwise carry other events within the replay window.
 */
@Entity
@Table(name = "webhook_token")
class WebhookToken extends PanacheEntityBase {

    /** Longer than any replay window: a token older than this is refused by its timestamp anyway. */
    private static final Duration KEPT = Duration.ofHours(1);

    @Id
    @Column(name = "token_hash", length = 64)
    public String tokenHash;

    @Column(name = "seen_at", nullable = false)
    public Instant seenAt;

    /** Takes the token; false when it was taken before. Forgets tokens no call may carry any more. */
    static boolean take(String token, Instant now) {
        delete("seenAt < ?1", now.minus(KEPT));
        String hash = Hashing.sha256Hex(token);
        if (findById(hash) != null) {
            return false;
        }
        WebhookToken taken = new WebhookToken();
        taken.tokenHash = hash;
        taken.seenAt = now;
        taken.persistAndFlush();
        return true;
    }
}
