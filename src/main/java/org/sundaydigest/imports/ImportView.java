package org.sundaydigest.imports;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An import as the API and the desk show it: the contract's fields, then where the job stands in the file.
 * {@code errors} holds the first 100; {@code errorCount} counts them all.
 */
public record ImportView(long id, String mode, boolean dryRun, String status, long rows, long created, long updated,
        long unchanged, long skipped, List<ImportErrors.Entry> errors, long errorCount, long moreErrors,
        long lineReached, int percent, String fileName, String contentSha256, String account, String failure,
        Instant createdAt, Instant finishedAt) {

    static ImportView of(ImportJob job) {
        List<ImportErrors.Entry> errors = ImportErrors.read(job.errors);
        int percent = job.status != ImportJob.Status.RUNNING ? 100
                : job.sizeBytes == 0 ? 0 : (int) Math.min(99, job.bytesRead * 100 / job.sizeBytes);
        return new ImportView(job.id, job.mode.name().toLowerCase(Locale.ROOT), job.dryRun, job.status.name(),
                job.rowsRead, job.created, job.updated, job.unchanged, job.skipped, errors, job.errorCount,
                Math.max(0, job.errorCount - errors.size()), job.lineReached, percent, job.fileName, job.contentSha256,
                job.account, job.failure, job.createdAt, job.finishedAt);
    }

    public boolean running() {
        return "RUNNING".equals(status);
    }
}
