package org.sundaydigest.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** An audit entry lives and dies with the transaction of its change, and cannot be written outside one. */
@QuarkusTest
class AuditTransactionTest {

    @Inject
    Audit audit;

    @Test
    void anEntryIsRolledBackWithTheChangeItRecords() {
        String target = "rolled-back-" + System.nanoTime();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            audit.record(AuditAction.ARTICLE_DELETE, target, "the change fails after it was recorded");
            throw new IllegalStateException("the change fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(count(target)).isZero();

        QuarkusTransaction.requiringNew().run(() -> audit.record(AuditAction.ARTICLE_DELETE, target, "committed"));
        assertThat(count(target)).isEqualTo(1);
    }

    @Test
    void anEntryNeedsTheTransactionOfItsChange() {
        assertThatThrownBy(() -> audit.record(AuditAction.ARTICLE_DELETE, "no transaction", null))
                .isInstanceOf(TransactionalException.class);
    }

    private static long count(String target) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("target", target));
    }
}
