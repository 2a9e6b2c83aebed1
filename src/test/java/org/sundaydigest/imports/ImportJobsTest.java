package org.sundaydigest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sundaydigest.imports.ImportApiTest.done;
import static org.sundaydigest.imports.ImportApiTest.exists;
import static org.sundaydigest.imports.ImportApiTest.retireAll;
import static org.sundaydigest.testing.Api.asEditor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.sundaydigest.common.DigestConfig;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Import jobs across restarts and side by side. */
@QuarkusTest
class ImportJobsTest {

    @Inject
    DigestConfig config;

    @Test
    void aJobWhoseInstanceDiedIsTakenOverAndGoesOnAfterTheRowsItHadCounted() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 10; i++) {
            csv.append("resumed-").append(i).append('-').append(tag).append("@example.org,Reader ").append(i)
                    .append('\n');
        }
        Path dir = Files.createDirectories(Path.of(config.imports().directory()));
        Path file = dir.resolve("import-" + tag + ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        // The instance that held the job had counted the first four rows when it died, and its lease ran out.
        long id = QuarkusTransaction.requiringNew().call(() -> {
            ImportJob job = ImportJob.start(ImportJob.Mode.CONFIRMED, false, "resumed.csv", "0".repeat(64),
                    file.toString(), Files.size(file), "editor", Instant.now().minusSeconds(120));
            job.rowsRead = 4;
            job.created = 4;
            job.lineReached = 5;
            job.leaseOwner = "an-instance-that-died";
            job.leaseUntil = Instant.now().minusSeconds(60);
            job.persist();
            return job.id;
        });

        var finished = done(id);

        assertThat(finished.getString("status")).isEqualTo("DONE");
        assertThat(finished.getLong("rows")).isEqualTo(10);
        assertThat(finished.getLong("created")).isEqualTo(10);
        assertThat(finished.getLong("lineReached")).isEqualTo(11);
        assertThat(exists("resumed-3-" + tag + "@example.org")).as("counted before the crash: not read again")
                .isFalse();
        assertThat(exists("resumed-4-" + tag + "@example.org")).isTrue();
        assertThat(exists("resumed-9-" + tag + "@example.org")).isTrue();
        assertThat(file).as("the file of a finished import is deleted").doesNotExist();
        retireAll("resumed-%-" + tag + "@example.org");
    }

    @Test
    void aSecondImportWhileOneRunsIsRefusedWithConflict() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("busy-").append(i).append('-').append(tag).append("@example.org\n");
        }
        long first = asEditor().contentType("text/csv").body(csv.toString()).when()
                .post("/api/subscribers/imports?dryRun=true").then().statusCode(202).extract().jsonPath().getLong("id");

        asEditor().contentType("text/csv").body("email\nother@example.org\n").when().post("/api/subscribers/imports")
                .then().statusCode(409).contentType("application/problem+json");

        assertThat(done(first).getString("status")).isEqualTo("DONE");
        asEditor().contentType("text/csv").body("email\nafter-" + tag + "@example.org\n").when()
                .post("/api/subscribers/imports?dryRun=true").then().statusCode(202);
    }
}
