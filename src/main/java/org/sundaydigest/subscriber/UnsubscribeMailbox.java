package org.sundaydigest.subscriber;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;

import org.jboss.logging.Logger;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.JobRuns;
import org.sundaydigest.common.MailboxSettings;

import io.quarkus.scheduler.Scheduled;

/**
 * Reads the mailbox behind the {@code mailto:} unsubscribe link over IMAP: an email whose subject carries a reader's
 * token takes that reader off the list, like the one-click link, and is deleted. Emails without a token are marked read
 * and left for a person to look at; the sender's address alone is not trusted, since anyone can forge it.
 */
@ApplicationScoped
class UnsubscribeMailbox {

    private static final Logger LOG = Logger.getLogger(UnsubscribeMailbox.class);
    private static final Pattern TOKEN = Pattern
            .compile(Pattern.quote(UnsubscribeSubject.PREFIX) + "([A-Za-z0-9_-]{8,128})");

    @Inject
    DigestConfig config;

    @Inject
    SubscriptionService subscriptions;

    @Inject
    JobRuns jobs;

    @Inject
    Clock clock;

    @Scheduled(identity = "unsubscribe-mailbox", every = "${digest.unsubscribe-mailbox.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.unsubscribeMailbox().enabled()) {
            return;
        }
        // One instance at a time: two sessions on one mailbox would handle the same emails twice.
        jobs.runOnce("unsubscribe-mailbox", clock.instant(), JobRuns.interval(config.unsubscribeMailbox().poll()),
                JobRuns.EARLY, () -> {
                    try {
                        read();
                    } catch (MessagingException e) {
                        LOG.warnf("Could not read the unsubscribe mailbox; trying again at the next poll: %s",
                                e.getMessage());
                    }
                });
    }

    /** Handles the unread emails; returns how many readers they took off the list. */
    int read() throws MessagingException {
        MailboxSettings mailbox = config.unsubscribeMailbox();
        try (Store store = mailbox.connect()) {
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            int unsubscribed = 0;
            try {
                for (Message email : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                    unsubscribed += handle(email) ? 1 : 0;
                }
            } finally {
                folder.close(true);
            }
            return unsubscribed;
        }
    }

    private boolean handle(Message email) throws MessagingException {
        email.setFlag(Flags.Flag.SEEN, true);
        Optional<String> token = tokenOf(email);
        if (token.isEmpty()) {
            return false;
        }
        Optional<String> left = subscriptions.unsubscribe(token.get(), new RequestOrigin(Channel.MAILTO, null, null));
        email.setFlag(Flags.Flag.DELETED, true);
        return left.isPresent();
    }

    private static Optional<String> tokenOf(Message email) throws MessagingException {
        Matcher inSubject = TOKEN.matcher(String.valueOf(email.getSubject()));
        if (inSubject.find()) {
            return Optional.of(inSubject.group(1));
        }
        try {
            // Some mail clients drop the subject of a mailto: link; a reply quoting it still carries the token.
            Object content = email.isMimeType("text/plain") ? email.getContent() : null;
            Matcher inBody = TOKEN.matcher(content instanceof String text ? text : "");
            return inBody.find() ? Optional.of(inBody.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
