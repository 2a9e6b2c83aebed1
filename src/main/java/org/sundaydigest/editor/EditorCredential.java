package org.sundaydigest.editor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.sundaydigest.common.Hashing;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.quarkus.panache.common.Sort;

/**
 * An API token or a recovery code of an account, kept as the SHA-256 of its value: both are long random values shown
 * once, so a fast hash is enough and a stolen table gives nothing usable.
 */
@Entity
@Table(name = "editor_credential")
class EditorCredential extends PanacheEntity {

    enum Kind {
        API_TOKEN, RECOVERY_CODE
    }

    @Column(name = "editor_id", nullable = false)
    long editorId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    Kind kind;

    @Column(length = 100)
    String label;

    @Column(name = "secret_hash", nullable = false, length = 64, unique = true)
    String secretHash;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    /** When a recovery code was spent, or an API token last used. */
    @Column(name = "used_at")
    Instant usedAt;

    static EditorCredential create(long editorId, Kind kind, String label, String secretHash, Instant now) {
        EditorCredential credential = new EditorCredential();
        credential.editorId = editorId;
        credential.kind = kind;
        credential.label = label;
        credential.secretHash = secretHash;
        credential.createdAt = now;
        credential.persist();
        return credential;
    }

    /** The account's API token with this value, if there is one. */
    static Optional<EditorCredential> token(long editorId, String value) {
        return find("editorId = ?1 and kind = ?2 and secretHash = ?3", editorId, Kind.API_TOKEN,
                Hashing.sha256Hex(value)).firstResultOptional();
    }

    /** Spends the account's unspent recovery code with this hash, if there is one; a code is good once. */
    static boolean spendRecoveryCode(long editorId, String hash, Instant now) {
        return update("usedAt = ?1 where editorId = ?2 and kind = ?3 and secretHash = ?4 and usedAt is null", now,
                editorId, Kind.RECOVERY_CODE, hash) == 1;
    }

    static List<EditorCredential> tokensOf(long editorId) {
        return list("editorId = ?1 and kind = ?2", Sort.ascending("createdAt", "id"), editorId, Kind.API_TOKEN);
    }

    static long unspentRecoveryCodes(long editorId) {
        return count("editorId = ?1 and kind = ?2 and usedAt is null", editorId, Kind.RECOVERY_CODE);
    }

    static long deleteAll(long editorId, Kind kind) {
        return delete("editorId = ?1 and kind = ?2", editorId, kind);
    }

    /** Notes when an API token was used. */
    void used(Instant at) {
        usedAt = at;
    }
}
