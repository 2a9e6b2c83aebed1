package org.sundaydigest.imports;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.sundaydigest.common.Text;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One import of a list: the file it reads, where its job stands and what it counted. It moves RUNNING → DONE or FAILED;
 * a RUNNING job whose lease ran out (its instance died) is taken up again where its last batch ended.
 */
@Entity
@Table(name = "subscriber_import")
class ImportJob extends PanacheEntityBase {

    enum Status {
        RUNNING, DONE, FAILED
    }

    enum Mode {
        CONFIRMED, RECONFIRM
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "subscriber_import_seq")
    @SequenceGenerator(name = "subscriber_import_seq", sequenceName = "subscriber_import_seq", allocationSize = 50)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Mode mode;

    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Status status;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    @Column(name = "content_sha256", nullable = false, length = 64)
    public String contentSha256;

    /** The upload on disk, kept while a job may still read it; null once it is deleted. */
    @Column(name = "stored_file", length = 500)
    public String storedFile;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false, length = 100)
    public String account;

    @Column(name = "rows_read", nullable = false)
    public long rowsRead;

    @Column(name = "bytes_read", nullable = false)
    public long bytesRead;

    @Column(name = "line_reached", nullable = false)
    public long lineReached;

    @Column(nullable = false)
    public long created;

    @Column(nullable = false)
    public long updated;

    @Column(nullable = false)
    public long unchanged;

    @Column(nullable = false)
    public long skipped;

    @Column(name = "error_count", nullable = false)
    public long errorCount;

    /** The first errors, as JSON: {@code [{"line":…,"field":…,"message":…}]}. */
    @Column(columnDefinition = "text")
    public String errors;

    @Column(name = "emails_scheduled", nullable = false)
    public long emailsScheduled;

    /** When the first confirmation email of a {@code reconfirm} import is due; the others follow at the rate. */
    @Column(name = "emails_from")
    public Instant emailsFrom;

    @Column(length = 500)
    public String failure;

    @Column(name = "lease_owner", length = 100)
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    static ImportJob start(Mode mode, boolean dryRun, String fileName, String sha256, String storedFile, long size,
            String account, Instant now) {
        ImportJob job = new ImportJob();
        job.mode = mode;
        job.dryRun = dryRun;
        job.status = Status.RUNNING;
        job.fileName = fileName;
        job.contentSha256 = sha256;
        job.storedFile = storedFile;
        job.sizeBytes = size;
        job.account = account;
        job.createdAt = now;
        return job;
    }

    static boolean anyRunning() {
        return count("status", Status.RUNNING) > 0;
    }

    /** A running job nobody holds (new, or its instance died), claimed for {@code owner} until {@code until}. */
    static Optional<Long> claimNext(String owner, Instant now, Instant until) {
        List<Long> open = getEntityManager()
                .createQuery("select j.id from ImportJob j where j.status = :running"
                        + " and (j.leaseUntil is null or j.leaseUntil < :now) order by j.id", Long.class)
                .setParameter("running", Status.RUNNING).setParameter("now", now).setMaxResults(1).getResultList();
        for (Long id : open) {
            int claimed = update("leaseOwner = ?1, leaseUntil = ?2 where id = ?3 and status = ?4"
                    + " and (leaseUntil is null or leaseUntil < ?5)", owner, until, id, Status.RUNNING, now);
            if (claimed == 1) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** Whether the job is still this owner's; a batch is recorded only then. */
    boolean heldBy(String owner) {
        return status == Status.RUNNING && owner.equals(leaseOwner);
    }

    void finish(Instant now) {
        status = Status.DONE;
        finishedAt = now;
        leaseOwner = null;
        leaseUntil = null;
    }

    void fail(String why, Instant now) {
        status = Status.FAILED;
        failure = Text.clip(why, 500);
        finishedAt = now;
        leaseOwner = null;
        leaseUntil = null;
    }
}
