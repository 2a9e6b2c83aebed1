package org.sundaydigest.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.subscriber.ListImport;

/**
 * One batch of an import, in one transaction: its rows go to the subscriber feature, and the job's counters, errors and
 * place in the file move with them, so that a restart neither repeats nor skips a row. Nothing is recorded for an
 * instance that no longer holds the job.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
class ImportBatches {

    /** A dry run's file is kept this long for a real run to follow it. */
    static final Duration DRY_RUN_FILE_KEPT = Duration.ofHours(24);

    @Inject
    DigestConfig config;

    @Inject
    ListImport readers;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Records a batch read up to {@code recordsRead} records and {@code bytesRead} bytes; false if not held. */
    boolean record(long id, String owner, List<ImportFile.Item> items, long recordsRead, long bytesRead, Instant now) {
        ImportJob job = em.find(ImportJob.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || !job.heldBy(owner)) {
            return false;
        }
        List<ListImport.Candidate> candidates = new ArrayList<>();
        List<ImportErrors.Entry> errors = new ArrayList<>();
        long lastLine = job.lineReached;
        for (ImportFile.Item item : items) {
            if (item instanceof ImportRow r) {
                candidates.add(new ListImport.Candidate(r.line(), r.email(), r.name(), r.sections(), r.consentedAt(),
                        r.ip(), r.source(), r.excluded()));
                lastLine = Math.max(lastLine, r.line());
            } else if (item instanceof RowError e) {
                errors.add(new ImportErrors.Entry(e.line(), e.field(), e.message()));
                job.skipped++;
                lastLine = Math.max(lastLine, e.line());
            }
        }
        if (job.dryRun) {
            candidates = notSeenBefore(job, candidates);
        }
        long gapMillis = gapMillis();
        List<ListImport.Outcome> outcomes = readers.apply(candidates, job.mode == ImportJob.Mode.RECONFIRM, job.dryRun,
                new ListImport.Provenance(job.account, job.fileName, job.contentSha256), now, () -> {
                    // Each email of the import has its slot at the delivery rate, across every instance.
                    if (job.emailsFrom == null) {
                        job.emailsFrom = now;
                    }
                    long slot = job.emailsScheduled++;
                    return job.emailsFrom.plusMillis(slot * gapMillis);
                });
        if (job.dryRun) {
            remember(job, candidates, outcomes);
        }
        for (ListImport.Outcome outcome : outcomes) {
            switch (outcome.kind()) {
            case CREATED -> job.created++;
            case UPDATED -> job.updated++;
            case UNCHANGED -> job.unchanged++;
            case SKIPPED -> job.skipped++;
            }
            if (outcome.note() != null && outcome.kind() != ListImport.Kind.UNCHANGED) {
                errors.add(new ImportErrors.Entry(outcome.line(), outcome.field(), outcome.note()));
            }
        }
        errors.sort((a, b) -> Long.compare(a.line(), b.line()));
        if (job.errorCount < ImportErrors.KEPT && !errors.isEmpty()) {
            job.errors = ImportErrors.append(job.errors, errors);
        }
        job.errorCount += errors.size();
        job.rowsRead = recordsRead;
        job.bytesRead = bytesRead;
        job.lineReached = lastLine;
        job.leaseUntil = clock.instant().plus(config.imports().lease());
        return true;
    }

    /** The time between two emails of an import: the delivery's pace per second or per hour, whichever is slower. */
    private long gapMillis() {
        long perSecond = config.engine().ratePerSecond() <= 0 ? 0 : 1000L / config.engine().ratePerSecond();
        long perHour = config.engine().ratePerHour() <= 0 ? 0 : 3_600_000L / config.engine().ratePerHour();
        return Math.max(perSecond, perHour);
    }

    /** A dry run writes no reader, so the addresses it has seen are kept aside to find the later duplicates. */
    private List<ListImport.Candidate> notSeenBefore(ImportJob job, List<ListImport.Candidate> candidates) {
        Set<String> keys = new LinkedHashSet<>();
        candidates.forEach(c -> keys.add(key(c.email())));
        if (keys.isEmpty()) {
            return candidates;
        }
        @SuppressWarnings("unchecked")
        Set<String> seen = new HashSet<>(em
                .createNativeQuery(
                        "select email_key from subscriber_import_seen where import_id = :id and email_key in (:keys)")
                .setParameter("id", job.id).setParameter("keys", keys).getResultList());
        List<ListImport.Candidate> fresh = new ArrayList<>();
        for (ListImport.Candidate candidate : candidates) {
            if (seen.contains(key(candidate.email()))) {
                job.unchanged++;
            } else {
                fresh.add(candidate);
            }
        }
        return fresh;
    }

    /** What a dry run would have created or changed, remembered as its real run would find it in the database. */
    private void remember(ImportJob job, List<ListImport.Candidate> candidates, List<ListImport.Outcome> outcomes) {
        Map<Long, String> byLine = new HashMap<>();
        candidates.forEach(c -> byLine.put(c.line(), key(c.email())));
        Set<String> made = new LinkedHashSet<>();
        for (ListImport.Outcome outcome : outcomes) {
            if (outcome.kind() == ListImport.Kind.CREATED || outcome.kind() == ListImport.Kind.UPDATED) {
                made.add(byLine.get(outcome.line()));
            }
        }
        for (String key : made) {
            em.createNativeQuery("insert into subscriber_import_seen (import_id, email_key) values (:id, :key)")
                    .setParameter("id", job.id).setParameter("key", key).executeUpdate();
        }
    }

    void finish(long id, String owner, Instant now) {
        ImportJob job = em.find(ImportJob.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (job != null && job.heldBy(owner)) {
            job.finish(now);
            end(job);
        }
    }

    void fail(long id, String owner, String why) {
        ImportJob job = em.find(ImportJob.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (job != null && job.heldBy(owner)) {
            job.fail(why, clock.instant());
            end(job);
        }
    }

    /** Lets the job go, untouched, for whichever instance takes it next. */
    void release(long id, String owner) {
        ImportJob job = em.find(ImportJob.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (job != null && job.heldBy(owner)) {
            job.leaseOwner = null;
            job.leaseUntil = null;
        }
    }

    /** Deletes the files of dry runs nobody ran for real within a day. */
    void forgetOldDryRuns(Instant now) {
        List<ImportJob> old = ImportJob.list(
                "dryRun = true and status <> ?1 and storedFile is not null" + " and finishedAt < ?2",
                ImportJob.Status.RUNNING, now.minus(DRY_RUN_FILE_KEPT));
        for (ImportJob job : old) {
            if (ImportJob.count("storedFile = ?1 and status = ?2", job.storedFile, ImportJob.Status.RUNNING) == 0) {
                ImportService.delete(Path.of(job.storedFile));
            }
            job.storedFile = null;
        }
        // Uploads no job refers to (an instance died while taking one) go too.
        Path dir = Path.of(config.imports().directory());
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("import-")).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(DRY_RUN_FILE_KEPT))
                        && ImportJob.count("storedFile", file.toString()) == 0) {
                    ImportService.delete(file);
                }
            }
        } catch (IOException e) {
            // The next poll tries again.
        }
    }

    private void end(ImportJob job) {
        if (job.dryRun) {
            em.createNativeQuery("delete from subscriber_import_seen where import_id = :id").setParameter("id", job.id)
                    .executeUpdate();
            if (job.status == ImportJob.Status.DONE) {
                return; // its file waits for a real run
            }
        }
        ImportService.delete(Path.of(job.storedFile));
        ImportJob.update("storedFile = null where storedFile = ?1", job.storedFile);
    }

    private static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
