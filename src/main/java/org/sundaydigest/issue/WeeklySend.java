package org.sundaydigest.issue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

/**
 * The weekly send: at the scheduled time, and at start-up for a send missed while the service was down (within the
 * grace period), the issue of the day starts sending. Starting is idempotent, so repeated fires, several instances and
 * a catch-up after a fire all start it once.
 */
@ApplicationScoped
public class WeeklySend {

    private static final Logger LOG = Logger.getLogger(WeeklySend.class);

    @Inject
    IssueService digests;

    @Inject
    IssueCalendar calendar;

    @Inject
    Sending sending;

    @Inject
    DigestConfig config;

    @Inject
    Clock clock;

    @Scheduled(identity = "weekly-send", cron = "${digest.schedule.cron}", timeZone = "${digest.schedule.zone}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fire(ScheduledExecution execution) {
        start(execution.getScheduledFireTime().atZone(calendar.zone()).toLocalDate());
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
        calendar.missedSend(clock.instant(), grace).ifPresent(this::start);
    }

    public SendStart start(LocalDate date) {
        SendStart start = digests.startSending(date);
        switch (start.result()) {
        case STARTED -> LOG.infof("The issue of %s starts sending to %d readers.", date, start.recipients());
        case ALREADY_STARTED -> LOG.infof("The issue of %s is %s already; nothing new to start.", date,
                start.status().name().toLowerCase());
        case NOT_READY -> LOG.warnf("The issue of %s is not sent: %s", date, String.join(" ", start.reasons()));
        }
        if (start.status() == IssueStatus.SENDING) {
            sending.wake();
        }
        return start;
    }
}
