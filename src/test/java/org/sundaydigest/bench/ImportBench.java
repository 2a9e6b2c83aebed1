package org.sundaydigest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.sundaydigest.PackagedApp;

import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Importing a list and exporting it again, measured on the packaged jar (the H2 build, and the PostgreSQL build): a CSV
 * of N rows ({@code bench.import.rows}, default a million) and one of N/10 are each imported in a fresh instance on a
 * fresh database, giving upload time, job time, rows per second and the service's peak RSS during the import, so that
 * the two peaks show whether memory stays flat as the list grows; the instance holding the N readers then exports them
 * through {@code GET /api/subscribers.csv} (time, rows per second, size, peak RSS). Written to target/bench/import.md.
 */
class ImportBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString((PackagedApp.ADMIN + ":" + PackagedApp.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    record ImportRow(String database, int rows, double uploadSeconds, double importSeconds, double peakRssMib) {
    }

    record ExportRow(String database, long rows, double seconds, long bytes, double peakRssMib) {
    }

    @Test
    void aMillionReadersAreImportedAndExportedInFull() throws Exception {
        int rows = Integer.getInteger("bench.import.rows", 1_000_000);
        int small = Math.max(1, rows / 10);
        List<String> databases = Arrays.stream(System.getProperty("bench.databases", "h2,postgresql").split(","))
                .map(String::trim).toList();
        Path dir = Files.createTempDirectory("sunday-digest-import-bench");
        Path smallCsv = csv(dir, small);
        Path largeCsv = csv(dir, rows);
        List<ImportRow> imports = new ArrayList<>();
        List<ExportRow> exports = new ArrayList<>();
        try {
            for (String database : databases) {
                if (database.equals("postgresql") && !Files.exists(PackagedApp.POSTGRES_JAR)) {
                    // On CI its absence fails, as PackagedApp.assumePostgresBuild() says; elsewhere H2 still runs.
                    assertThat(System.getenv("CI")).as("CI without the build at %s", PackagedApp.POSTGRES_JAR).isNull();
                    System.out.println("PostgreSQL left out: no build at " + PackagedApp.POSTGRES_JAR);
                    continue;
                }
                // A fresh process per size, so that each peak is that import's alone.
                imports.add(measure(database, smallCsv, small, null));
                imports.add(measure(database, largeCsv, rows, exports));
                System.out.println(format(imports, exports, small));
            }
        } finally {
            Files.deleteIfExists(smallCsv);
            Files.deleteIfExists(largeCsv);
            Files.deleteIfExists(dir);
        }
        String table = format(imports, exports, small);
        Path out = Path.of("target", "bench", "import.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.println(table);
    }

    /**
     * Imports in a fresh instance on a fresh database of the given kind (PostgreSQL with production durability, as in
     * SendBench), then exports into {@code exports} unless it is null.
     */
    private static ImportRow measure(String database, Path csv, int rows, List<ExportRow> exports) throws Exception {
        Path workDir = Files.createTempDirectory("sunday-digest-import-bench");
        if (!database.equals("postgresql")) {
            return measure(database, new PackagedApp(workDir, PackagedApp.JAR, null), csv, rows, exports);
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on").start()) {
            PackagedApp.Database db = new PackagedApp.Database(
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "postgres");
            return measure(database, new PackagedApp(workDir, PackagedApp.POSTGRES_JAR, db), csv, rows, exports);
        }
    }

    private static ImportRow measure(String database, PackagedApp app, Path csv, int rows, List<ExportRow> exports)
            throws Exception {
        int port = PackagedApp.freePort();
        String base = "http://localhost:" + port;
        // A confirmed import mails nobody, so the relay is a port nobody listens on and smtp-sink is not needed.
        Map<String, String> env = new HashMap<>(PackagedApp.environment(port, PackagedApp.freePort()));
        // The operator's heap, as in SendBench: memory shows what the import holds, not an unbounded heap's growth.
        env.put("JAVA_TOOL_OPTIONS",
                ("-Xmx" + System.getProperty("bench.heap", "512m") + " " + System.getProperty("bench.jvm", "")).trim());
        Process process = app.start(env);
        try {
            app.awaitReady(process, base);
            long pid = process.pid();
            boolean reset = resetPeak(pid);
            long started = System.nanoTime();
            HttpResponse<String> accepted = HTTP.send(
                    request(base + "/api/subscribers/imports?mode=confirmed&dryRun=false")
                            .header("Content-Type", "text/csv")
                            .header("Content-Disposition", "attachment; filename=\"" + csv.getFileName() + "\"")
                            .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(),
                    HttpResponse.BodyHandlers.ofString());
            double upload = (System.nanoTime() - started) / 1e9;
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            long id = JsonPath.from(accepted.body()).getLong("id");
            double sampled = rssMib(pid);
            JsonPath job = status(base, id);
            while ("RUNNING".equals(job.getString("status"))) {
                assertThat(process.isAlive()).as("the jar stopped; see %s", app.log()).isTrue();
                Thread.sleep(500);
                sampled = Math.max(sampled, rssMib(pid));
                job = status(base, id);
            }
            double total = (System.nanoTime() - started) / 1e9;
            double peak = reset ? ProcessStats.peakRssMib(pid) : sampled;
            assertThat(job.getString("status")).as(job.prettify()).isEqualTo("DONE");
            long created = job.getLong("created");
            assertThat(created + job.getLong("unchanged") + job.getLong("skipped")).as(job.prettify()).isEqualTo(rows);
            if (exports != null) {
                exports.add(export(database, base, pid, created, app.log().getParent()));
            }
            return new ImportRow(database, rows, upload, total - upload, peak);
        } finally {
            PackagedApp.stop(process);
            // A million readers fill a lot of disk; the log stays for a look afterwards.
            app.deleteData();
        }
    }

    /** The whole list streamed to a file, never into memory, while the process's memory is watched. */
    private static ExportRow export(String database, String base, long pid, long readers, Path dir) throws Exception {
        Path file = dir.resolve("export.csv");
        boolean reset = resetPeak(pid);
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<Path>> download = HTTP.sendAsync(
                request(base + "/api/subscribers.csv").GET().build(), HttpResponse.BodyHandlers.ofFile(file));
        double sampled = rssMib(pid);
        while (!download.isDone()) {
            Thread.sleep(100);
            sampled = Math.max(sampled, rssMib(pid));
        }
        HttpResponse<Path> response = download.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        double peak = reset ? ProcessStats.peakRssMib(pid) : sampled;
        assertThat(response.statusCode()).isEqualTo(200);
        long lines;
        try (Stream<String> all = Files.lines(file)) {
            lines = all.count();
        }
        long bytes = Files.size(file);
        Files.delete(file);
        assertThat(lines).as("a header and a line per reader").isEqualTo(readers + 1);
        return new ExportRow(database, lines - 1, seconds, bytes, peak);
    }

    /** Written row by row; one row in 1,000 repeats the one before in capitals, one is no address: the rules run. */
    private static Path csv(Path dir, int rows) throws IOException {
        Path file = dir.resolve("readers-" + rows + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("email,name,sections,consented_at,ip,source\n");
            for (int i = 0; i < rows; i++) {
                String email = i % 1000 == 999 ? ("reader-" + (i - 1) + "@bench.example.org").toUpperCase(Locale.ROOT)
                        : i % 1000 == 499 ? "reader-" + i + ".bench.example.org" : "reader-" + i + "@bench.example.org";
                out.write(email + ",Reader " + i + ",News,2024-03-10T07:02:41Z,192.0.2." + (i % 250 + 1) + ",bench\n");
            }
        }
        return file;
    }

    private static JsonPath status(String base, long id) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(base + "/api/subscribers/imports/" + id).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.from(response.body());
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", AUTH);
    }

    /**
     * Sets the process's VmHWM back to its current RSS (Linux 4.0 on), so the peak read afterwards is this step's, not
     * start-up's or the import's before the export; false when refused, and then the sampled RSS stands in.
     */
    private static boolean resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc", String.valueOf(pid), "clear_refs"), "5", StandardOpenOption.WRITE);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static double rssMib(long pid) throws IOException {
        try (Stream<String> status = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
            return status.filter(line -> line.startsWith("VmRSS:")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0).orElse(0.0);
        }
    }

    private static String format(List<ImportRow> imports, List<ExportRow> exports, int small) {
        StringBuilder table = new StringBuilder(
                String.format("| database | rows | upload s | import s | rows/s | peak RSS MiB | peak RSS vs %,d |%n"
                        + "|---|---:|---:|---:|---:|---:|---:|%n", small));
        for (ImportRow row : imports) {
            // The ratio to the small import on the same database: near 1.00 is flat memory (not asserted).
            double base = imports.stream().filter(r -> r.database().equals(row.database()) && r.rows() == small)
                    .mapToDouble(ImportRow::peakRssMib).findFirst().orElse(Double.NaN);
            table.append(String.format("| %s | %,d | %.1f | %.1f | %.0f | %.0f | %.2f |%n", row.database(), row.rows(),
                    row.uploadSeconds(), row.importSeconds(), row.rows() / (row.uploadSeconds() + row.importSeconds()),
                    row.peakRssMib(), row.peakRssMib() / base));
        }
        table.append(String
                .format("%n| database | rows | s | rows/s | MiB | peak RSS MiB |%n|---|---:|---:|---:|---:|---:|%n"));
        for (ExportRow row : exports) {
            table.append(String.format("| %s | %,d | %.1f | %.0f | %.0f | %.0f |%n", row.database(), row.rows(),
                    row.seconds(), row.rows() / row.seconds(), row.bytes() / 1048576.0, row.peakRssMib()));
        }
        return table.toString();
    }
}
