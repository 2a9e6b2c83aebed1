package org.sundaydigest.editor;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A signed-in browser of the editors' pages, kept on the server so that signing out ends it on every instance at once:
 * the login cookie alone is not enough to be let in. ({@link DeskSessions#endAllOf} is there for the password changes
 * and disabled accounts the account pages will bring.)
 */
@Entity
@Table(name = "editor_session")
class DeskSession extends PanacheEntityBase {

    /** SHA-256 of the random value in the browser's {@code desk-session} cookie. */
    @Id
    @Column(name = "id_hash", length = 64)
    String idHash;

    @Column(nullable = false, length = 100)
    String username;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    static boolean isOpen(String idHash, String username, Instant notBefore) {
        return count("idHash = ?1 and username = ?2 and createdAt >= ?3", idHash, username, notBefore) > 0;
    }

    /** Ends every session of the account, as after a password change or when it is disabled. */
    static long endAllOf(String username) {
        return delete("username", username);
    }
}
