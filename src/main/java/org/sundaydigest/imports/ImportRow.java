package org.sundaydigest.imports;

import java.time.Instant;
import java.util.List;

/**
 * One data row of an import file, as read: its line in the file and what it says. The address is kept as typed (only
 * trimmed), since merging is case-insensitive later; {@code excluded} is null unless the file itself says the person is
 * not subscribed, and then it is the reason, in words (the row is skipped with it).
 */
record ImportRow(long line, String email, String name, List<String> sections, Instant consentedAt, String ip,
        String source, String excluded) implements ImportFile.Item {

    ImportRow {
        sections = sections == null ? List.of() : List.copyOf(sections);
    }
}

/** A row that cannot be imported: its line, the column, and why, in words. */
record RowError(long line, String field, String message) implements ImportFile.Item {
}
