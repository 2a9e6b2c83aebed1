package org.sundaydigest.editor;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.Roles;
import org.sundaydigest.web.Problem;
import org.sundaydigest.web.ProblemException;

/**
 * The team's accounts, for admins (add, change role, disable, delete) and for each account its own password. Every
 * change ends the account's sessions where it must, and is audited in its transaction.
 */
@ApplicationScoped
@Transactional
public class Accounts {

    /** Names that would clash with a path ({@code /api/editors/me}) or with what the audit log calls the service. */
    private static final List<String> RESERVED = List.of("me", Audit.SYSTEM);
    private static final String ROLE_CHOICE = "must be one of " + String.join(", ", Roles.ALL);

    /** An account as admins see it. */
    public record Account(String username, String role, boolean disabled, Instant createdAt, Instant lastLoginAt,
            boolean secondFactor) {

        static Account of(Editor editor) {
            return new Account(editor.username, editor.role, editor.disabled, editor.createdAt, editor.lastLoginAt,
                    editor.secondFactorOn());
        }
    }

    @Inject
    DeskSessions sessions;

    @Inject
    PasswordRecheck recheck;

    @Inject
    Audit audit;

    @Inject
    Clock clock;

    public List<Account> list() {
        return Editor.byName().stream().map(Account::of).toList();
    }

    /** A new account; 400 naming each bad field, 409 when the name is taken (whatever its case). */
    public Account create(String username, String password, String role) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String name = username == null ? "" : username.strip();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._@+-]{1,99}") || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            errors.add(new Problem.FieldError("username",
                    "must be 2 to 100 letters, digits or . _ @ + -, start with a letter or digit, and not be one of "
                            + RESERVED));
        }
        PasswordRules.problem(password, name).ifPresent(p -> errors.add(new Problem.FieldError("password", p)));
        Optional<String> named = Roles.named(role);
        if (named.isEmpty()) {
            errors.add(new Problem.FieldError("role", ROLE_CHOICE));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        if (Editor.count("lower(username) = ?1", name.toLowerCase(Locale.ROOT)) > 0) {
            throw ProblemException.conflict("An account named '" + name + "' exists already.");
        }
        Editor editor = Editor.create(name, password, named.get(), clock.instant());
        editor.flush();
        audit.record(AuditAction.ACCOUNT_CREATE, name, "role " + editor.role);
        return Account.of(editor);
    }

    /** Changes an account's role or whether it is disabled; 409 for the last active admin. */
    public Account update(String username, String role, Boolean disabled) {
        Editor editor = Editor.named(username);
        String newRole = role == null ? editor.role
                : Roles.named(role).orElseThrow(() -> ProblemException.invalidField("role", ROLE_CHOICE));
        boolean newDisabled = disabled == null ? editor.disabled : disabled;
        boolean staysActiveAdmin = Roles.ADMIN.equals(newRole) && !newDisabled;
        if (editor.isActiveAdmin() && !staysActiveAdmin && Editor.lockActiveAdmins() <= 1) {
            throw ProblemException
                    .conflict("'" + username + "' is the last active admin: make another account an admin" + " first.");
        }
        List<String> changes = new ArrayList<>();
        if (!newRole.equals(editor.role)) {
            changes.add("role " + editor.role + " → " + newRole);
            editor.role = newRole;
        }
        if (newDisabled != editor.disabled) {
            changes.add(newDisabled ? "disabled" : "enabled");
            editor.disabled = newDisabled;
            if (newDisabled) {
                sessions.endAllOf(editor.username);
            }
        }
        if (!changes.isEmpty()) {
            audit.record(AuditAction.ACCOUNT_UPDATE, editor.username, String.join(", ", changes));
        }
        return Account.of(editor);
    }

    /** Deletes an account, its sessions, tokens and codes; 409 for the last active admin. */
    public void delete(String username) {
        Editor editor = Editor.named(username);
        if (editor.isActiveAdmin() && Editor.lockActiveAdmins() <= 1) {
            throw ProblemException.conflict("'" + username + "' is the last active admin and cannot be deleted.");
        }
        // Its API tokens and recovery codes go with it (the foreign key cascades).
        sessions.endAllOf(editor.username);
        editor.delete();
        audit.record(AuditAction.ACCOUNT_DELETE, username, "role " + editor.role);
    }

    /** The account's own new password; 400 naming {@code current} when that is wrong. Every session ends. */
    public void changePassword(String username, String current, String password) {
        Editor editor = Editor.named(username);
        recheck.require(editor, current, "current");
        PasswordRules.problem(password, username).ifPresent(p -> {
            throw ProblemException.invalidField("password", p);
        });
        if (password.equals(current)) {
            throw ProblemException.invalidField("password", "must differ from the current one");
        }
        editor.changePassword(password);
        sessions.endAllOf(username);
        audit.record(AuditAction.PASSWORD_CHANGE, username, "every session ended");
    }
}
