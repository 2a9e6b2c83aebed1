package org.sundaydigest.common;

/** Role names used in {@code @RolesAllowed}. */
public final class Roles {

    public static final String EDITOR = "editor";

    private Roles() {
    }
}
