package org.sundaydigest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sundaydigest.imports.ImportApiTest.importAndWait;
import static org.sundaydigest.imports.ImportApiTest.retireAll;
import static org.sundaydigest.imports.ImportApiTest.statusOf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.Api;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Mailbox;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code mode=reconfirm}: new readers are pending, and their confirmation emails leave through the outbox at the
 * delivery rate (here 4 a second), read back from GreenMail.
 */
@QuarkusTest
@TestProfile(ReconfirmImportTest.FourASecond.class)
@WithTestResource(GreenMailResource.class)
class ReconfirmImportTest {

    public static class FourASecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("digest.delivery.rate-per-second", "4", "digest.outbox.poll", "0.2s");
        }
    }

    @InjectMailbox
    Mailbox mailbox;

    @Test
    void eachNewReaderIsPendingAndGetsAConfirmationEmailAtTheDeliveryRate() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("email,name\n");
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String address = "again-" + i + "-" + tag + "@example.org";
            addresses.add(address);
            csv.append(address).append(",Reader ").append(i).append('\n');
        }

        Instant started = Instant.now();
        assertThat(importAndWait(csv.toString(), "reconfirm", false).getLong("created")).isEqualTo(8);
        assertThat(statusOf(addresses.get(0))).isEqualTo(SubscriberStatus.PENDING);

        List<Instant> due = QuarkusTransaction.requiringNew()
                .call(() -> Arc.container().instance(EntityManager.class).get()
                        .createQuery("select m.nextAttemptAt from OutboxMail m where m.recipient in :to"
                                + " order by m.nextAttemptAt", Instant.class)
                        .setParameter("to", addresses).getResultList());
        assertThat(due).hasSize(8);
        assertThat(Duration.between(due.get(0), due.get(7))).as("eight slots at four a second")
                .isBetween(Duration.ofMillis(1700), Duration.ofMillis(1800));

        List<Instant> arrivals = new ArrayList<>();
        for (String address : addresses) {
            List<MimeMessage> received = mailbox.awaitTo(address, 1);
            assertThat(received).as(address).hasSize(1);
            assertThat(received.get(0).getSubject()).contains("confirm");
            arrivals.add(Instant.now());
        }
        assertThat(Duration.between(started, arrivals.get(7))).as("the last email waited for its slot")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1700));
        assertThat(Mailbox.links(Mailbox.part(mailbox.awaitTo(addresses.get(3), 1).get(0), "text/plain"),
                Api.PUBLIC_URL + "/subscribe/confirm?token=")).hasSize(1);
        retireAll("again-%-" + tag + "@example.org");
    }
}
