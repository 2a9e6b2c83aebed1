package org.sundaydigest.delivery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records the senders' outcomes with a group commit: whatever outcomes are waiting go into one transaction. A sender
 * waits until its outcome is committed before it takes another message, so at any moment no more messages than there
 * are senders can have reached the relay without being recorded; that bound is what a crash may repeat.
 */
final class OutcomeRecorder {

    private record Waiting(DeliveryResult result, CompletableFuture<Void> recorded) {
    }

    private static final long LINGER_MILLIS = 1;

    private final OutcomeStore store;
    private final String owner;
    private final Clock clock;
    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopped;

    OutcomeRecorder(OutcomeStore store, String owner, Clock clock) {
        this.store = store;
        this.owner = owner;
        this.clock = clock;
        this.thread = new Thread(this::run, "digest-record-" + owner);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Returns once the outcome is committed; throws if it could not be. */
    void record(DeliveryResult result) {
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        queue.add(new Waiting(result, recorded));
        recorded.join();
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    private void run() {
        while (!stopped) {
            List<Waiting> batch = new ArrayList<>();
            try {
                Waiting first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // A millisecond's wait lets the other senders' outcomes join this commit: far fewer commits, each of
                // which costs the database a write, for a millisecond more per message.
                Thread.sleep(LINGER_MILLIS);
                queue.drainTo(batch);
                List<DeliveryResult> results = batch.stream().map(Waiting::result).toList();
                if (results.stream().allMatch(result -> result.status() == DeliveryStatus.SENT)) {
                    store.recordSent(results, owner, clock.instant());
                } else {
                    store.recordAll(results, owner, clock.instant());
                }
                batch.forEach(waiting -> waiting.recorded().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(waiting -> waiting.recorded().completeExceptionally(e));
                return;
            } catch (RuntimeException e) {
                batch.forEach(waiting -> waiting.recorded().completeExceptionally(e));
            }
        }
    }
}
