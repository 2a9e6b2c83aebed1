package org.sundaydigest.delivery;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.issue.Sending;
import org.sundaydigest.web.CsvDownload;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The engine as the rest of the service sees it: its poll, enrolment, an immediate start, progress, retries and the
 * per-recipient CSV.
 */
@ApplicationScoped
class DeliverySending implements Sending {

    private static final int CSV_PAGE = 1000;

    @Inject
    EnrolmentStore enrolments;

    @Inject
    TallyStore tallies;

    @Inject
    DeliveryEngine engine;

    @Inject
    Clock clock;

    @Inject
    DeliveryMetrics metrics;

    @Inject
    DigestConfig config;

    private ProgressCache progress;

    private final ExecutorService waker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "digest-send-wake");
        thread.setDaemon(true);
        return thread;
    });

    @PostConstruct
    void init() {
        progress = new ProgressCache(config.engine().progressRefresh());
    }

    /** Keeps the engine working, and resumes after a restart the sends it interrupted. */
    @Scheduled(identity = "delivery-poll", every = "${digest.delivery.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        engine.drain();
    }

    /** Apart from the poll, whose drain may last as long as a send. */
    @Scheduled(identity = "delivery-open-gauge", every = "${digest.delivery.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void countOpen() {
        metrics.open(tallies.openBySendingIssue());
    }

    @Override
    public int enrol(long issueId, Instant now) {
        return enrolments.createFor(issueId, now);
    }

    @Override
    public void wake() {
        waker.execute(engine::drain);
    }

    @Override
    public Progress progress(long issueId) {
        return progress.get(issueId, clock.instant(), () -> tallies.countsOf(issueId));
    }

    @Override
    public int retryFailed(long issueId, Instant now) {
        return enrolments.retryFailed(issueId, now);
    }

    @Override
    public List<Failure> failures(long issueId, int max) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.failuresOf(issueId, max));
    }

    @Override
    public void writeCsv(long issueId, Writer out) throws IOException {
        CsvDownload.writePages(out,
                "subscriber_id,email,status,attempts,sent_at,message_id,last_error,report,report_reason", CSV_PAGE,
                false,
                (after, size) -> QuarkusTransaction.requiringNew().call(() -> Delivery.csvPage(issueId, after, size)));
    }

    @PreDestroy
    void stop() {
        waker.shutdownNow();
    }
}
