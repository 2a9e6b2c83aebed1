package org.sundaydigest.common;

import java.util.function.Supplier;

import jakarta.persistence.PersistenceException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Transactions that create a row keyed by a unique value, which two requests may race to create. */
public final class Retry {

    private Retry() {
    }

    /**
     * Runs the work in a new transaction, and once more in another when the first failed on the database, as it does
     * when a concurrent request created the same row first: the second run then finds it.
     */
    public static <T> T onceOnConflict(Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (PersistenceException concurrentCreation) {
            return QuarkusTransaction.requiringNew().call(work::get);
        }
    }
}
