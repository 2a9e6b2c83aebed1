package org.sundaydigest.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.sundaydigest.PackagedApp;

/** Postfix's smtp-sink on loopback: accepts every message over SMTP and throws it away. */
final class Sink implements AutoCloseable {

    static final Path SMTP_SINK = Path.of("/usr/sbin/smtp-sink");

    private final Process process;
    private final int port;

    private Sink(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Sink start() throws Exception {
        if (!Files.isExecutable(SMTP_SINK)) {
            throw new IllegalStateException(
                    "The benchmark needs Postfix's smtp-sink: apt-get install postfix (its service need not run).");
        }
        int port = PackagedApp.freePort();
        Process process = new ProcessBuilder(List.of(SMTP_SINK.toString(), "-u", "nobody", "127.0.0.1:" + port, "1024"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return new Sink(process, port);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroy();
        throw new IllegalStateException("smtp-sink did not start");
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
