package org.sundaydigest.web;

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
}
