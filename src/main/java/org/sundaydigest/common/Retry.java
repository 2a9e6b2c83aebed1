package org.sundaydigest.common;

import java.util.function.Supplier;

import jakarta.persistence.PersistenceException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;

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
        } catch (QuarkusTransactionException failedCommit) {
            // A clash found only at commit comes wrapped; anything else is not a race and goes on up.
            if (!causedByDatabase(failedCommit)) {
                throw failedCommit;
            }
            return QuarkusTransaction.requiringNew().call(work::get);
        }
    }

    private static boolean causedByDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PersistenceException || cause instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }
}
