package org.sundaydigest.subscriber;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.JobRuns;
import org.sundaydigest.mail.Outbox;

import io.quarkus.scheduler.Scheduled;

/**
 * Keeps readers' data no longer than it is needed, once a day across all instances: the network address and browser of
 * consent events older than {@code DIGEST_RETENTION_CONSENT_NETWORK} are blanked (the event, its time and wording stay
 * as proof), and readers who signed up but never confirmed are deleted after {@code DIGEST_RETENTION_PENDING}.
 */
@ApplicationScoped
class Retention {

    static final String JOB = "retention";
    static final Duration EVERY = Duration.ofHours(24);
    private static final Logger LOG = Logger.getLogger(Retention.class);

    /** What one run did. */
    record Run(int blanked, long deleted, long emails) {
    }

    @Inject
    DigestConfig config;

    @Inject
    JobRuns jobs;

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    @Scheduled(identity = "retention", every = "${digest.retention.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        Instant now = clock.instant();
        jobs.runOnce(JOB, now, EVERY, 0, () -> {
            Run run = apply(now);
            LOG.infof("Retention: network details blanked in %d consent events, %d unconfirmed sign-ups and %d old"
                    + " emails deleted.", run.blanked(), run.deleted(), run.emails());
        });
    }

    @Transactional(TxType.REQUIRES_NEW)
    Run apply(Instant now) {
        Instant networkBefore = now.atOffset(ZoneOffset.UTC).minus(config.retention().consentNetwork()).toInstant();
        Instant pendingBefore = now.atOffset(ZoneOffset.UTC).minus(config.retention().pending()).toInstant();
        int blanked = ConsentEvent.blankNetworkBefore(networkBefore);
        long deleted = deleteNeverConfirmedBefore(pendingBefore);
        // Emails outside the digest name their recipient: none is kept longer than an unconfirmed sign-up.
        long emails = outbox.purgeBefore(pendingBefore);
        return new Run(blanked, deleted, emails);
    }

    /** Deletes readers who signed up before this and never confirmed, with their consent events and sections. */
    private static long deleteNeverConfirmedBefore(Instant before) {
        long deleted = 0;
        List<Subscriber> batch;
        do {
            batch = Subscriber.<Subscriber> find("status = ?1 and confirmedAt is null and createdAt < ?2",
                    SubscriberStatus.PENDING, before).page(0, 500).list();
            batch.forEach(Subscriber::delete);
            Subscriber.getEntityManager().flush();
            deleted += batch.size();
        } while (batch.size() == 500);
        return deleted;
    }
}
