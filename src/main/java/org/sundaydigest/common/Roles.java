package org.sundaydigest.common;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The three roles of an editor account and what each includes, for {@code @RolesAllowed}. An account holds one role;
 * its signed-in identity carries that role and every role below it, so that a read is allowed with
 * {@code @RolesAllowed(VIEWER)}, a change with {@code EDITOR} and account management with {@code ADMIN}.
 */
public final class Roles {

    /** Everything, and managing accounts and reading the audit log. */
    public static final String ADMIN = "admin";
    /** Articles, feeds, curation, test sends, sends, approvals, retries and subscribers. */
    public static final String EDITOR = "editor";
    /** Every read of the editor API and pages, no change. */
    public static final String VIEWER = "viewer";

    /**
     * The identity attribute of an account that must turn on its second factor ({@code DIGEST_REQUIRE_SECOND_FACTOR})
     * and has not: it holds no role until it does, and may reach only its own account.
     */
    public static final String SECOND_FACTOR_MISSING = "second-factor-missing";

    /** The roles, highest first. */
    public static final List<String> ALL = List.of(ADMIN, EDITOR, VIEWER);

    private Roles() {
    }

    /** The role and those it includes. */
    public static Set<String> granted(String role) {
        return switch (role) {
        case ADMIN -> Set.of(ADMIN, EDITOR, VIEWER);
        case EDITOR -> Set.of(EDITOR, VIEWER);
        case VIEWER -> Set.of(VIEWER);
        default -> Set.of();
        };
    }

    /** The role of this name, whatever its case. */
    public static Optional<String> named(String name) {
        return name == null ? Optional.empty()
                : ALL.stream().filter(role -> role.equalsIgnoreCase(name.strip())).findFirst();
    }
}
