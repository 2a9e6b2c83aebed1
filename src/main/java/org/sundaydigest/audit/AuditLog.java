package org.sundaydigest.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.JobRuns;

import io.quarkus.panache.common.Page;
import io.quarkus.scheduler.Scheduled;

/** Reads the audit log for admins, and keeps it no longer than {@code DIGEST_RETENTION_AUDIT}. */
@ApplicationScoped
@Transactional
public class AuditLog {

    static final String JOB = "audit-retention";
    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    /** One entry as admins see it. */
    public record Item(Instant at, String editor, String action, String target, String detail, String client) {
    }

    /** A page of entries, newest first. */
    public record Items(List<Item> items, int page, int size, long total) {

        public boolean hasMore() {
            return (long) (page + 1) * size < total;
        }

        public int nextPage() {
            return page + 1;
        }
    }

    @Inject
    DigestConfig config;

    @Inject
    JobRuns jobs;

    @Inject
    Clock clock;

    public Items page(AuditFilter filter, int page, int size) {
        var query = AuditEntry.matching(filter);
        List<Item> items = query.page(Page.of(page, size)).list().stream()
                .map(e -> new Item(e.at, e.account, e.action, e.target, e.detail, e.client)).toList();
        return new Items(items, page, size, query.count());
    }

    @Scheduled(identity = "audit-retention", every = "${digest.retention.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional(TxType.NOT_SUPPORTED)
    void poll() {
        Instant now = clock.instant();
        jobs.runOnce(JOB, now, java.time.Duration.ofHours(24), 0,
                () -> LOG.infof("Audit log: %d entries past their retention deleted.", purge(now)));
    }

    /** Deletes the entries older than the retention period; returns how many. */
    @Transactional(TxType.REQUIRES_NEW)
    public long purge(Instant now) {
        return AuditEntry.deleteBefore(now.atOffset(ZoneOffset.UTC).minus(config.retention().audit()).toInstant());
    }
}
