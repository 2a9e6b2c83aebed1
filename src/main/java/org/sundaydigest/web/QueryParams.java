package org.sundaydigest.web;

import org.sundaydigest.common.Text;

/**
 * Reads numeric query parameters as text, so that {@code ?page=abc} gets a 400 naming {@code page} rather than the 404
 * JAX-RS gives a parameter it cannot convert.
 */
public final class QueryParams {

    /** The highest page number taken: with pages of up to 500, the first row stays within what an int can count. */
    public static final int MAX_PAGE = 1_000_000;

    private QueryParams() {
    }

    public static int intParam(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ProblemException.invalidField(name, "must be a whole number from " + min + " to " + max);
    }

    /** {@code true} or {@code false} (any case); absent is false. */
    public static boolean boolParam(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw ProblemException.invalidField(name, "must be true or false");
        };
    }

    /** An id in a path: a positive whole number, else a 404 like any unknown id. */
    public static long longId(String value) {
        try {
            long id = Long.parseLong(value == null ? "" : value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.notFound("No such id: " + Text.clip(String.valueOf(value), 40));
    }
}
