package org.sundaydigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A claim must read only the rows it takes. On H2 that depends on how the query is written (an order H2 cannot match to
 * the index makes it sort every due row of the issue, for each batch of 50), so the plan itself is checked.
 */
@QuarkusTest
class ClaimQueryPlanTest {

    @Inject
    EntityManager em;

    @ParameterizedTest
    @ValueSource(strings = { "PENDING", "DEFERRED", "SENDING" })
    @Transactional
    void aClaimReadsTheClaimIndexInOrderInsteadOfSortingTheDueRows(String state) {
        String query = state.equals("SENDING") ? ClaimStore.ABANDONED.formatted(50, "")
                : ClaimStore.DUE.formatted(state, 50, "");

        String plan = (String) em.createNativeQuery("explain " + query).setParameter("issue", 1L)
                .setParameter("now", Instant.parse("2050-01-02T08:00:00Z")).getSingleResult();

        assertThat(plan).contains("delivery_claim_idx").contains("/* index sorted */");
    }
}
