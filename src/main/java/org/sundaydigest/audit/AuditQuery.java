package org.sundaydigest.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.sundaydigest.web.ProblemException;

/** The audit log's filter as typed in a query: {@code editor}, {@code action}, {@code from} and {@code to} (dates). */
public final class AuditQuery {

    private AuditQuery() {
    }

    /** The filter; a 400 naming the field for an unknown action or a malformed date. */
    public static AuditFilter filter(String editor, String action, String from, String to) {
        AuditAction parsedAction = blank(action) ? null
                : AuditAction.ofCode(action.strip()).orElseThrow(() -> ProblemException.invalidField("action",
                        "must be one of " + String.join(", ", AuditAction.codes())));
        Instant start = blank(from) ? null : date("from", from).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = blank(to) ? null : date("to", to).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new AuditFilter(blank(editor) ? null : editor.strip(), parsedAction, start, end);
    }

    private static LocalDate date(String field, String value) {
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() >= 1970 && date.getYear() <= 9999) {
                return date;
            }
        } catch (DateTimeParseException e) {
            // answered below, as a date out of range is
        }
        throw ProblemException.invalidField(field, "must be a date such as 2026-12-06 (UTC), from 1970 to 9999");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
