package org.sundaydigest.bounce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** What every provider's payload is read with: a field's text, a reason put together, a time. */
final class ProviderJson {

    private ProviderJson() {
    }

    /** The field's text, or null when it is missing or not text. */
    static String text(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** The parts that are not blank, stripped and joined; null when there are none. */
    static String join(String separator, String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                joined.append(joined.length() == 0 ? "" : separator).append(part.strip());
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    /** An ISO-8601 time, or null: a report with an odd date is still a report. */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
