package org.sundaydigest.editor;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;

/** An editor's account; Quarkus Security checks the bcrypt password for HTTP Basic and the login form. */
@Entity
@Table(name = "editor")
@UserDefinition
public class Editor extends PanacheEntity {

    @Username
    @Column(nullable = false, unique = true, length = 100)
    public String username;

    @Password
    @Column(nullable = false, length = 100)
    public String password;

    @io.quarkus.security.jpa.Roles
    @Column(nullable = false, length = 100)
    public String roles;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The bcrypt cost of new and changed passwords. */
    static final int BCRYPT_COST = 12;

    static Optional<Editor> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** A new editor account; the password is stored only as its bcrypt hash. */
    static Editor create(String username, String password, String roles, Instant now) {
        Editor editor = new Editor();
        editor.username = username;
        editor.password = BcryptUtil.bcryptHash(password, BCRYPT_COST);
        editor.roles = roles;
        editor.createdAt = now;
        editor.persist();
        return editor;
    }
}
