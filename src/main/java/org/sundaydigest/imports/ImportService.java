package org.sundaydigest.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.web.Problem;
import org.sundaydigest.web.ProblemException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Imports as editors start and follow them: the upload is streamed to a file (never held in memory), its job is
 * recorded, and the runner takes it from there. One import runs at a time; another is refused with {@code 409}.
 */
@ApplicationScoped
public class ImportService {

    @Inject
    DigestConfig config;

    @Inject
    Clock clock;

    @Inject
    ImportRunner runner;

    @Inject
    Audit audit;

    /** Stores the upload and starts its job; {@code mode} is {@code confirmed} or {@code reconfirm}. */
    public ImportView start(InputStream body, String fileName, String mode, boolean dryRun, String account) {
        ImportJob.Mode parsed = mode(mode);
        // Said before the upload rather than after it: the check that counts is made again under a lock below.
        if (QuarkusTransaction.requiringNew().call(ImportJob::anyRunning)) {
            throw busy();
        }
        Path file = Path.of(config.imports().directory()).resolve("import-" + UUID.randomUUID() + ".csv");
        boolean recorded = false;
        try {
            Files.createDirectories(file.getParent());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                size = copy(body, out, config.imports().maxSize().asLongValue());
            }
            if (size == 0) {
                throw ProblemException.invalidField("body", "is empty: send the CSV file, with its header row");
            }
            ImportView view = record(AuditAction.IMPORT_START, parsed, dryRun, name(fileName),
                    HexFormat.of().formatHex(digest.digest()), file, size, account);
            recorded = true;
            return view;
        } catch (IOException e) {
            throw new ProblemException(Problem.of(400, "Bad Request", "The file could not be read to its end."));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } finally {
            if (!recorded) {
                delete(file); // an aborted upload, a refusal or a failure leaves nothing behind
            }
        }
    }

    /** Runs for real an import whose dry run is done, from the same file. */
    public ImportView runDryRun(long id, String account) {
        ImportJob dry = QuarkusTransaction.requiringNew().call(() -> ImportJob.<ImportJob> findById(id));
        if (dry == null) {
            throw ProblemException.notFound("No import " + id + ".");
        }
        if (!dry.dryRun || dry.status != ImportJob.Status.DONE || dry.storedFile == null
                || !Files.exists(Path.of(dry.storedFile))) {
            throw ProblemException.conflict("Only a finished dry run whose file is still kept can be run for real;"
                    + " upload the file again.");
        }
        return record(AuditAction.IMPORT_RUN, dry.mode, false, dry.fileName, dry.contentSha256, Path.of(dry.storedFile),
                dry.sizeBytes, account);
    }

    public Optional<ImportView> find(long id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ImportJob.<ImportJob> findByIdOptional(id).map(ImportView::of));
    }

    private ImportView record(AuditAction action, ImportJob.Mode mode, boolean dryRun, String fileName, String sha256,
            Path file, long size, String account) {
        ImportView view = QuarkusTransaction.requiringNew().call(() -> {
            // The lock makes "is another import running?" and the start of this one a single step.
            ImportJob.getEntityManager()
                    .createNativeQuery("select name from job_run where name = 'subscriber-import' for update")
                    .getResultList();
            if (ImportJob.anyRunning()) {
                return null;
            }
            Instant now = clock.instant();
            ImportJob job = ImportJob.start(mode, dryRun, fileName, sha256, file.toString(), size, account, now);
            // Held by this instance from the start: it has the file, and another instance's poll must not take it.
            job.leaseOwner = runner.owner();
            job.leaseUntil = now.plus(config.imports().lease());
            job.persist();
            audit.record(action, "import " + job.id, (dryRun ? "dry run of " : "") + fileName + " (" + size + " bytes, "
                    + mode.name().toLowerCase() + ")");
            return ImportView.of(job);
        });
        if (view == null) {
            throw busy();
        }
        runner.runHeld(view.id());
        return view;
    }

    private static ProblemException busy() {
        return ProblemException.conflict("Another import is running; start this one when it is done.");
    }

    private static long copy(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0;) {
            total += n;
            if (total > max) {
                throw new ProblemException(Problem.of(413, "Request Entity Too Large",
                        "The file is larger than DIGEST_IMPORTS_MAX_SIZE (" + max + " bytes)."));
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private static ImportJob.Mode mode(String mode) {
        if (mode == null || mode.isBlank()) {
            return ImportJob.Mode.CONFIRMED;
        }
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
        case "confirmed" -> ImportJob.Mode.CONFIRMED;
        case "reconfirm" -> ImportJob.Mode.RECONFIRM;
        default -> throw ProblemException.invalidField("mode", "must be confirmed or reconfirm");
        };
    }

    private static String name(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName.strip();
        name = name.replaceAll("[\\p{Cntrl}/\\\\]", "_");
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left for the next clean-up of the directory.
        }
    }
}
