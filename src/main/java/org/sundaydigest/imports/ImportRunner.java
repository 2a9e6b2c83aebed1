package org.sundaydigest.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs import jobs, one batch of rows per transaction under a lease: a batch and the counters it adds commit together,
 * so an instance that dies leaves the job where its last batch ended, and whichever instance takes it over once the
 * lease runs out skips the rows already counted and goes on.
 */
@ApplicationScoped
class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);

    @Inject
    DigestConfig config;

    @Inject
    Clock clock;

    @Inject
    ImportBatches batches;

    private final String owner = "import-" + UUID.randomUUID();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean stopping;
    private final ExecutorService waker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "digest-import");
        thread.setDaemon(true);
        return thread;
    });

    @Scheduled(identity = "subscriber-import", every = "${digest.imports.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        batches.forgetOldDryRuns(clock.instant());
        drain();
    }

    /** The name this instance holds jobs under. */
    String owner() {
        return owner;
    }

    /** Runs a job this instance already holds (it just took the upload), at once rather than at the next poll. */
    void runHeld(long id) {
        waker.execute(() -> run(id));
    }

    /** Runs every job nobody holds, one after the other. */
    void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            Optional<Long> next;
            while ((next = claim()).isPresent()) {
                run(next.get());
            }
        } finally {
            draining.set(false);
        }
    }

    private Optional<Long> claim() {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew()
                .call(() -> ImportJob.claimNext(owner, now, now.plus(config.imports().lease())));
    }

    private void run(long id) {
        ImportJob job = QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob> findById(id));
        Path file = job.storedFile == null ? null : Path.of(job.storedFile);
        if (file == null || !Files.isReadable(file)) {
            batches.fail(id, owner, "The uploaded file is not on this instance any more (" + job.storedFile
                    + "); upload it again: what was imported already stays as it is.");
            return;
        }
        try (CountingInputStream in = new CountingInputStream(Files.newInputStream(file));
                ImportFile rows = ImportFile.open(in)) {
            // A job taken over goes on after the rows its last batch counted.
            while (rows.recordsRead() < job.rowsRead && rows.next() != null) {
                // skipped
            }
            List<ImportFile.Item> batch = new ArrayList<>(config.imports().batchSize());
            ImportFile.Item item;
            boolean held = true;
            do {
                item = rows.next();
                if (item != null) {
                    batch.add(item);
                }
                if (!batch.isEmpty() && (item == null || batch.size() == config.imports().batchSize())) {
                    held = batches.record(id, owner, batch, rows.recordsRead(), in.count(), clock.instant());
                    batch.clear();
                }
            } while (item != null && held);
            if (held) {
                batches.finish(id, owner, clock.instant());
                LOG.infof("Import %d is done.", id);
            }
        } catch (ImportFile.Unreadable e) {
            batches.fail(id, owner, e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (stopping) {
                // The service is shutting down: another instance, or this one after its restart, goes on.
                batches.release(id, owner);
                return;
            }
            // The class only: a database error's message may quote an address.
            LOG.warnf("Import %d stopped: %s", id, e.getClass().getName());
            batches.fail(id, owner, "Stopped after the rows counted so far (" + e.getClass().getSimpleName()
                    + "); import the file again: rows already imported are left as they are.");
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        waker.shutdownNow();
    }

    /** Counts the bytes read, for the progress bar. */
    static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(0, n);
            return n;
        }

        long count() {
            return count;
        }
    }

}
