package org.sundaydigest.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.sundaydigest.common.Text;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** One change made through the API or the desk, or one sign-in; written with the change, never updated. */
@Entity
@Table(name = "audit_entry")
class AuditEntry extends PanacheEntity {

    @Column(nullable = false)
    Instant at;

    @Column(length = 100)
    String account;

    @Column(length = 64)
    String client;

    @Column(nullable = false, length = 40)
    String action;

    @Column(length = 200)
    String target;

    @Column(length = 500)
    String detail;

    static AuditEntry of(Instant at, String account, String client, AuditAction action, String target, String detail) {
        AuditEntry entry = new AuditEntry();
        entry.at = at;
        entry.account = clip(account, 100);
        entry.client = clip(client, 64);
        entry.action = action.code();
        entry.target = clip(target, 200);
        entry.detail = clip(detail, 500);
        return entry;
    }

    /** The entries that match the filter, newest first. */
    static PanacheQuery<AuditEntry> matching(AuditFilter filter) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.account() != null) {
            where.add("account = :account");
            parameters.and("account", filter.account());
        }
        if (filter.action() != null) {
            where.add("action = :action");
            parameters.and("action", filter.action().code());
        }
        if (filter.from() != null) {
            where.add("at >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.until() != null) {
            where.add("at < :until");
            parameters.and("until", filter.until());
        }
        Sort newestFirst = Sort.descending("at", "id");
        return where.isEmpty() ? findAll(newestFirst) : find(String.join(" and ", where), newestFirst, parameters);
    }

    static long deleteBefore(Instant before) {
        return delete("at < ?1", before);
    }

    /** On one line, and cut to the column's length. */
    private static String clip(String text, int max) {
        return text == null ? null : Text.clip(text.replaceAll("[\\r\\n\\t]+", " "), max);
    }
}
