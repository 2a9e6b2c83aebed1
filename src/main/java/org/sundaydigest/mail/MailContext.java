package org.sundaydigest.mail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Every email goes through this one Vert.x context. The mail client's connection pool is not safe when callers on many
 * threads use it at once: now and then a message then waits forever for a connection (seen with concurrent senders).
 * Started from one event loop, every send uses the pool from that loop only.
 */
@ApplicationScoped
public class MailContext {

    @Inject
    Vertx vertx;

    private volatile Context context;

    /** The send, subscribed to on the mail context; the result is delivered on that context's thread. */
    public <T> Uni<T> send(Uni<T> send) {
        Context mail = context();
        return Uni.createFrom().emitter(
                emitter -> mail.runOnContext(ignored -> send.subscribe().with(emitter::complete, emitter::fail)));
    }

    /** Sends and waits, at most {@code timeout}, for the relay to take the message. */
    public <T> T sendAndWait(Uni<T> send, Duration timeout) {
        return send(send).await().atMost(timeout);
    }

    private Context context() {
        Context current = context;
        if (current == null) {
            synchronized (this) {
                if (context == null) {
                    // Asked for on a thread of its own, so that it is a new event-loop context, never a caller's.
                    CompletableFuture<Context> created = new CompletableFuture<>();
                    new Thread(() -> created.complete(vertx.getOrCreateContext()), "mail-context").start();
                    context = created.join();
                }
                current = context;
            }
        }
        return current;
    }
}
