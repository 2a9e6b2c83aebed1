package org.sundaydigest.audit;

import java.time.Instant;

/** Which audit entries to show: by account, by action, from (inclusive) and until (exclusive); null is any. */
public record AuditFilter(String account, AuditAction action, Instant from, Instant until) {
}
