package org.sundaydigest.issue;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * The weekly send's triggers: the scheduled fire, and at start-up a send missed while the service was down (within the
 * grace period). Starting is idempotent, so repeated fires, several instances and a catch-up after a fire all start it
 * once.
 */
@ApplicationScoped
class WeeklySend {

    private static final Logger LOG = Logger.getLogger(WeeklySend.class);

    @Inject
    IssueService issues;

    @Inject
    IssueCalendar calendar;

    @Inject
    DigestConfig config;

    @Inject
    Clock clock;

    @Scheduled(identity = "weekly-send", cron = "${digest.schedule.cron}", timeZone = "${digest.schedule.zone}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fire(ScheduledExecution execution) {
        issues.start(execution.getScheduledFireTime().atZone(calendar.zone()).toLocalDate());
    }

    void catchUpAtStartup(@Observes StartupEvent started) {
        try {
            catchUp(config.schedule().catchUpGrace());
        } catch (RuntimeException e) {
            LOG.error("Could not check for a send missed while the service was down; the next fire will try again.", e);
        }
    }

    /** Starts the latest scheduled issue if its time passed no longer ago than the grace period. */
    void catchUp(Duration grace) {
        calendar.missedSend(clock.instant(), grace).ifPresent(issues::start);
    }
}
