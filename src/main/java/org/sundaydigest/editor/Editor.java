package org.sundaydigest.editor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.sundaydigest.common.AccountSettings;
import org.sundaydigest.common.Roles;
import org.sundaydigest.web.ProblemException;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;

/**
 * An editor's account (rows updated column by column, so that an admin's change and the account's own do not undo each
 * other) with one role ({@link Roles}); its bcrypt password is checked by {@link SignIn} for HTTP Basic and the login
 * form, with the second factor when it is on.
 */
@Entity
@Table(name = "editor")
@DynamicUpdate
@UserDefinition
public class Editor extends PanacheEntity {

    @Username
    @Column(nullable = false, unique = true, length = 100)
    public String username;

    @Password
    @Column(nullable = false, length = 100)
    public String password;

    /** One of {@link Roles#ALL}. */
    @io.quarkus.security.jpa.Roles
    @Column(name = "roles", nullable = false, length = 100)
    public String role;

    @Column(nullable = false)
    public boolean disabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    /** The TOTP secret sealed by {@link SecretBox}; set while it is being turned on, and while it is on. */
    @Column(name = "totp_secret", length = 200)
    String totpSecret;

    /** When the second factor was turned on; null while it is off. */
    @Column(name = "totp_enabled_at")
    Instant totpEnabledAt;

    /** The time step of the last code accepted, so that a code is good once. */
    @Column(name = "totp_last_step", nullable = false)
    long totpLastStep;

    /** The bcrypt cost of new and changed passwords. */
    static final int BCRYPT_COST = 12;

    static Optional<Editor> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** The account of this name; 404 when there is none. */
    static Editor named(String username) {
        return findByUsername(username)
                .orElseThrow(() -> ProblemException.notFound("No account is named '" + username + "'."));
    }

    static List<Editor> byName() {
        return listAll(Sort.ascending("username"));
    }

    /**
     * Admins that are not disabled, their rows locked until the transaction ends: the last of them may be neither
     * demoted nor disabled nor deleted, and two admins demoting each other at once must not both see the other.
     */
    static long lockActiveAdmins() {
        return find("role = ?1 and disabled = false", Roles.ADMIN).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .size();
    }

    /** A new editor account; the password is stored only as its bcrypt hash. */
    static Editor create(String username, String password, String role, Instant now) {
        Editor editor = new Editor();
        editor.username = username;
        editor.password = BcryptUtil.bcryptHash(password, BCRYPT_COST);
        editor.role = role;
        editor.createdAt = now;
        editor.persist();
        return editor;
    }

    boolean isActiveAdmin() {
        return Roles.ADMIN.equals(role) && !disabled;
    }

    /** Whether the account's role must have a second factor ({@code DIGEST_REQUIRE_SECOND_FACTOR}). */
    boolean secondFactorRequired(AccountSettings settings) {
        return settings.requireSecondFactor() && !Roles.VIEWER.equals(role);
    }

    boolean secondFactorOn() {
        return totpEnabledAt != null;
    }

    void changePassword(String newPassword) {
        password = BcryptUtil.bcryptHash(newPassword, BCRYPT_COST);
    }

    /** Notes a sign-in on the desk, without loading the row again. */
    static void signedIn(long id, Instant at) {
        update("lastLoginAt = ?1 where id = ?2", at, id);
    }

    /** Keeps a new secret until a code made from it turns the second factor on. */
    void beginSecondFactor(String sealedSecret) {
        if (secondFactorOn()) {
            throw new IllegalStateException("the second factor is on already");
        }
        totpSecret = sealedSecret;
        totpLastStep = 0;
    }

    void turnOnSecondFactor(long step, Instant at) {
        if (totpSecret == null || secondFactorOn()) {
            throw new IllegalStateException("no second factor is being turned on");
        }
        totpEnabledAt = at;
        totpLastStep = step;
    }

    void turnOffSecondFactor() {
        totpSecret = null;
        totpEnabledAt = null;
        totpLastStep = 0;
    }

    /**
     * Spends a code's time step, if it is later than the last one spent: a conditional update, so that of two sign-ins
     * racing with one code only one gets it.
     */
    static boolean spendStep(long id, long step) {
        return update("totpLastStep = ?1 where id = ?2 and totpLastStep < ?1", step, id) == 1;
    }
}
