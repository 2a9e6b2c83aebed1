package org.sundaydigest.bounce;

import java.time.Clock;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.JobRuns;
import org.sundaydigest.common.MailboxSettings;

import io.quarkus.scheduler.Scheduled;

/**
 * Reads the mailbox bounces and complaints come back to ({@code DIGEST_BOUNCE_MAILBOX_*}) over IMAP, one instance at a
 * time. A report that matched is applied and its email deleted, as is an auto-reply; anything else is marked (read and
 * flagged) and left for a person. Anyone can write to this mailbox, so a report counts only when it names a copy the
 * service sent, by its VERP address or its Message-ID, never by an address alone.
 */
@ApplicationScoped
class BounceMailbox {

    private static final Logger LOG = Logger.getLogger(BounceMailbox.class);

    /** Reports are a few kilobytes; anything far larger is not one, and is not parsed. */
    static final long MAX_BYTES = 2 * 1024 * 1024;
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"@]+@[^\\s<>\"]+");

    /** What one read of the mailbox did. */
    record Read(int handled, int left) {
    }

    @Inject
    DigestConfig config;

    @Inject
    ReportEffects effects;

    @Inject
    JobRuns jobs;

    @Inject
    Clock clock;

    @Scheduled(identity = "bounce-mailbox", every = "${digest.bounce-mailbox.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        MailboxSettings mailbox = config.bounceMailbox();
        if (mailbox.host().isEmpty()) {
            return;
        }
        jobs.runOnce("bounce-mailbox", clock.instant(), JobRuns.interval(mailbox.poll()), JobRuns.EARLY, () -> {
            try {
                read();
            } catch (MessagingException e) {
                LOG.warnf("Could not read the bounce mailbox; trying again at the next poll: %s", e.getMessage());
            }
        });
    }

    /** Handles the unread emails of the mailbox. */
    Read read() throws MessagingException {
        MailboxSettings mailbox = config.bounceMailbox();
        try (Store store = mailbox.connect()) {
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            int handled = 0;
            int left = 0;
            try {
                for (Message email : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    if (handleOrLeave((MimeMessage) email)) {
                        handled++;
                    } else {
                        left++;
                    }
                }
            } finally {
                folder.close(true);
            }
            return new Read(handled, left);
        }
    }

    /**
     * Handles one email; one that cannot be handled (the database refused, the server sent it broken) is left for a
     * person rather than met again first at every poll, blocking the ones behind it.
     */
    private boolean handleOrLeave(MimeMessage email) throws MessagingException {
        try {
            return handle(email);
        } catch (MessagingException | RuntimeException e) {
            if (!email.getFolder().isOpen()) {
                throw e instanceof MessagingException m ? m : new MessagingException("the folder closed", e);
            }
            LOG.warnf("Left an email in the bounce mailbox for a person: it could not be handled (%s)",
                    e.getClass().getSimpleName());
            email.setFlags(new Flags(Flags.Flag.SEEN), true);
            email.setFlag(Flags.Flag.FLAGGED, true);
            return false;
        }
    }

    /** Whether the email was dealt with and deleted; false when it was left for a person. */
    private boolean handle(MimeMessage email) throws MessagingException {
        // Read from a copy in memory (its size checked first): parts of an IMAP message are fetched one by one, and
        // nested messages through a pipe, which is slow and fragile with broken MIME.
        MimeMessage local = email.getSize() > MAX_BYTES ? email : new MimeMessage(email);
        MailReports.Reading reading = MailReports.read(local, config.bounceAddress().orElse(null), MAX_BYTES);
        boolean done = switch (reading.verdict()) {
        case AUTO_REPLY -> true;
        case REPORTS -> effects.apply(reading.reports(), false).unmatched() == 0;
        case UNRECOGNIZED -> false;
        };
        email.setFlag(Flags.Flag.SEEN, true);
        if (done) {
            email.setFlag(Flags.Flag.DELETED, true);
        } else {
            email.setFlag(Flags.Flag.FLAGGED, true);
            // The reason may quote the email; addresses in it are not for the log.
            LOG.infof("Left an email in the bounce mailbox for a person: %s",
                    reading.verdict() == MailReports.Verdict.REPORTS ? "it names no copy the service sent"
                            : ADDRESS.matcher(String.valueOf(reading.why())).replaceAll("<address>"));
        }
        return done;
    }
}
