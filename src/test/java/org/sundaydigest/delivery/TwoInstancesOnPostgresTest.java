package org.sundaydigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.issue.Issue;
import org.sundaydigest.issue.IssueService;
import org.sundaydigest.issue.IssueStatus;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.GreenMailResource;
import org.sundaydigest.testing.InjectMailbox;
import org.sundaydigest.testing.Issues;
import org.sundaydigest.testing.Mailbox;
import org.sundaydigest.testing.PostgresProfile;
import org.sundaydigest.testing.Readers;
import org.sundaydigest.testing.Readers.Reader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Two engines, as two instances would run them, sharing one send on a real PostgreSQL: their claims skip each other's
 * locked rows, so each reader gets exactly one copy and both engines do part of the work.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@WithTestResource(GreenMailResource.class)
class TwoInstancesOnPostgresTest {

    @InjectMailbox
    Mailbox mailbox;

    @Inject
    IssueService digests;

    @Inject
    ClaimStore claims;

    @Inject
    OutcomeStore outcomes;

    @Inject
    EnrolmentStore enrolments;

    @Inject
    TallyStore tallies;

    @Inject
    IssueCopies copies;

    @Inject
    Transport transport;

    @Inject
    DeliveryMetrics metrics;

    @Inject
    Clock clock;

    @Inject
    DigestConfig config;

    @Test
    void twoInstancesShareOneSendAndEachReaderGetsExactlyOneCopy() throws Exception {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Dockyard inquiry", "Investigations");
        List<Reader> readers = Readers.insert(300, SubscriberStatus.ACTIVE, "shared");
        assertThat(digests.startSending(date).recipients()).isGreaterThanOrEqualTo(300);
        long issueId = QuarkusTransaction.requiringNew().call(() -> Issue.forDate(date).orElseThrow().id);

        DigestConfig.Engine smallBatches = new SmallBatches(config.engine(), config.engine().retryDelay());
        DeliveryEngine a = new DeliveryEngine("instance-a", stores(), copies, transport, metrics, clock, smallBatches);
        DeliveryEngine b = new DeliveryEngine("instance-b", stores(), copies, transport, metrics, clock, smallBatches);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        List<Future<Integer>> sent = instances.invokeAll(List.of(a::drain, b::drain));
        instances.shutdown();
        a.stop();
        b.stop();

        assertThat(sent.get(0).get() + sent.get(1).get()).isGreaterThanOrEqualTo(300);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Issue.<Issue> findById(issueId).status))
                .isEqualTo(IssueStatus.SENT);
        Map<String, Long> bySender = QuarkusTransaction.requiringNew()
                .call(() -> Delivery.<Delivery> list("issueId", issueId).stream()
                        .collect(Collectors.groupingBy(d -> String.valueOf(d.sentBy), Collectors.counting())));
        assertThat(bySender.keySet()).containsExactlyInAnyOrder("instance-a", "instance-b");
        System.out.printf("Two instances on PostgreSQL shared the send: %s%n", bySender);

        Map<String, List<MimeMessage>> received = mailbox.byRecipient();
        for (Reader reader : readers) {
            assertThat(received.get(reader.email())).as("copies for %s", reader.email()).hasSize(1);
        }
        Readers.retire(readers);
    }

    @Test
    void theCountersKeptDuringASendMatchItsRows() throws Exception {
        LocalDate date = Issues.freshSunday();
        Issues.publish(date, "Harbour accounts", "Investigations");
        List<Reader> fine = Readers.insert(120, SubscriberStatus.ACTIVE, "tally-fine");
        List<Reader> later = Readers.insert(15, SubscriberStatus.ACTIVE, "tally-later");
        List<Reader> refused = Readers.insert(7, SubscriberStatus.ACTIVE, "tally-refused");
        digests.startSending(date);
        long issueId = QuarkusTransaction.requiringNew().call(() -> Issue.forDate(date).orElseThrow().id);
        // Some readers' relay says "later" (and their retry is an hour off), some say no; the send stays open.
        Transport relay = mail -> {
            String to = mail.getTo().get(0);
            if (to.startsWith("tally-later")) {
                return new Outcome(Outcome.Kind.DEFERRED, false, false, "451 4.3.0 try again later");
            }
            if (to.startsWith("tally-refused")) {
                return new Outcome(Outcome.Kind.FAILED, false, false, "554 5.7.1 refused");
            }
            return transport.send(mail);
        };

        DigestConfig.Engine hourBetweenTries = new SmallBatches(config.engine(), Duration.ofHours(1));
        DeliveryEngine a = new DeliveryEngine("tally-a", stores(), copies, relay, metrics, clock, hourBetweenTries);
        DeliveryEngine b = new DeliveryEngine("tally-b", stores(), copies, relay, metrics, clock, hourBetweenTries);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        instances.invokeAll(List.of(a::drain, b::drain));
        instances.shutdown();
        a.stop();
        b.stop();

        Map<DeliveryStatus, Long> rows = rowCounts(issueId);
        ProgressCache.Counts kept = tallies.countsOf(issueId);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Issue.<Issue> findById(issueId).status))
                .isEqualTo(IssueStatus.SENDING);
        assertThat(rows.get(DeliveryStatus.DEFERRED)).isEqualTo(later.size());
        assertThat(kept.sent()).isEqualTo(rows.get(DeliveryStatus.SENT)).isGreaterThanOrEqualTo(fine.size());
        assertThat(kept.failed()).isEqualTo(rows.get(DeliveryStatus.FAILED)).isEqualTo(refused.size());
        assertThat(kept.deferred()).isEqualTo(later.size());
        assertThat(kept.skipped()).isEqualTo(rows.get(DeliveryStatus.SKIPPED));
        assertThat(kept.open()).isEqualTo(rows.get(DeliveryStatus.PENDING) + rows.get(DeliveryStatus.SENDING));
        assertThat(kept.recipients()).isEqualTo(rows.values().stream().mapToLong(Long::longValue).sum());
        Readers.retire(fine);
        Readers.retire(later);
        Readers.retire(refused);
    }

    /**
     * The configured engine, claiming ten recipients at a time so that both instances get a share, with the given wait
     * before a deferred recipient is tried again.
     */
    private record SmallBatches(DigestConfig.Engine delegate, Duration retryDelay) implements DigestConfig.Engine {
        @Override
        public String poll() {
            return delegate.poll();
        }

        @Override
        public int concurrency() {
            return delegate.concurrency();
        }

        @Override
        public int batchSize() {
            return 10;
        }

        @Override
        public Duration lease() {
            return delegate.lease();
        }

        @Override
        public Duration sendTimeout() {
            return delegate.sendTimeout();
        }

        @Override
        public int ratePerSecond() {
            return delegate.ratePerSecond();
        }

        @Override
        public int ratePerHour() {
            return delegate.ratePerHour();
        }

        @Override
        public int maxAttempts() {
            return delegate.maxAttempts();
        }

        @Override
        public Duration retryDelay() {
            return retryDelay;
        }

        @Override
        public Duration maxRetryDelay() {
            return delegate.maxRetryDelay();
        }

        @Override
        public Duration throttlePause() {
            return delegate.throttlePause();
        }

        @Override
        public Duration progressRefresh() {
            return delegate.progressRefresh();
        }
    }

    private DeliveryStores stores() {
        return new DeliveryStores(claims, outcomes, enrolments);
    }

    /** How many of the issue's deliveries are in each state, counted from the rows; none counts as zero. */
    private static Map<DeliveryStatus, Long> rowCounts(long issueId) {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status, QuarkusTransaction.requiringNew()
                    .call(() -> Delivery.count("issueId = ?1 and status = ?2", issueId, status)));
        }
        return counts;
    }
}
