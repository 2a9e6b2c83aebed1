package org.sundaydigest.bounce;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.sundaydigest.common.Retry;
import org.sundaydigest.common.Text;
import org.sundaydigest.delivery.DeliveryReports;
import org.sundaydigest.mail.MessageIds;
import org.sundaydigest.mail.Verp;
import org.sundaydigest.subscriber.ReaderReports;
import org.sundaydigest.subscriber.SubscriberMetrics;

/**
 * Applies what mail systems report, whichever channel brought it: each report is tied to a copy and a reader by its
 * VERP id, else its Message-ID, else (only from a channel that proved who sent it) its address; it is then applied
 * once, however often it is delivered. One batch is applied whole or not at all.
 */
@ApplicationScoped
class ReportEffects {

    /** Temporary bounces on this many of a reader's latest copies in a row make their address count as dead. */
    static final int TEMPORARY_IN_A_ROW = 3;

    private static final Logger LOG = Logger.getLogger(ReportEffects.class);

    /** What a batch came to; {@code replayed} when its one-time token had been used before. */
    record Applied(int applied, int repeated, int unmatched, boolean replayed) {
    }

    /** A report tied to its copy (if any) and reader. */
    private record Match(Report report, BounceReport.MatchedBy how, Optional<DeliveryReports.Copy> copy,
            long readerId) {

        /**
         * The key the event is known by. A report that names neither its message nor its time is told apart from the
         * same words about another week's copy by that copy, so that weekly "mailbox full" reports count each week.
         */
        String key() {
            return report.messageId() == null && report.at() == null
                    ? report.eventKey() + "|" + copy.map(c -> String.valueOf(c.deliveryId())).orElse("-")
                    : report.eventKey();
        }
    }

    @Inject
    DeliveryReports deliveries;

    @Inject
    ReaderReports readers;

    @Inject
    MessageIds messageIds;

    @Inject
    SubscriberMetrics metrics;

    @Inject
    Clock clock;

    /** Applies the batch in a transaction of its own, once more if another instance took one of its events first. */
    Applied apply(List<Report> reports, boolean addressTrusted) {
        return apply(reports, addressTrusted, null);
    }

    /**
     * The same, for a call whose signature covers only a one-time token and not its events (Mailgun's): the token is
     * taken in the same transaction, and a call that comes with a used one changes nothing.
     */
    Applied apply(List<Report> reports, boolean addressTrusted, String oneTimeToken) {
        return Retry.onceOnConflict(() -> applyAll(reports, addressTrusted, oneTimeToken));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    Applied applyAll(List<Report> reports, boolean addressTrusted, String oneTimeToken) {
        Instant now = clock.instant();
        if (oneTimeToken != null && !WebhookToken.take(oneTimeToken, now)) {
            return new Applied(0, 0, 0, true);
        }
        Set<String> inBatch = new HashSet<>();
        int applied = 0;
        int repeated = 0;
        int unmatched = 0;
        for (Report report : reports) {
            Optional<Match> match = match(report, addressTrusted);
            if (match.isEmpty()) {
                unmatched++;
            } else if (!inBatch.add(match.get().key()) || BounceReport.seen(match.get().key())) {
                repeated++;
            } else {
                applyOne(match.get(), now);
                applied++;
            }
        }
        if (applied + unmatched > 0) {
            LOG.infof("Applied %d bounce and complaint reports; %d matched no reader, %d were repeats", applied,
                    unmatched, repeated);
        }
        return new Applied(applied, repeated, unmatched, false);
    }

    private Optional<Match> match(Report report, boolean addressTrusted) {
        BounceReport.MatchedBy how = BounceReport.MatchedBy.VERP;
        Optional<DeliveryReports.Copy> copy = Optional.ofNullable(report.verpId())
                .flatMap(id -> deliveries.byMessageId(Verp.messageId(id, messageIds.domain())));
        if (copy.isEmpty() && report.messageId() != null) {
            how = BounceReport.MatchedBy.MESSAGE_ID;
            copy = deliveries.byMessageId(report.messageId());
        }
        Optional<ReaderReports.Reader> reader = copy.flatMap(found -> readers.byId(found.subscriberId()));
        if (copy.isEmpty() && addressTrusted && report.email() != null) {
            how = BounceReport.MatchedBy.ADDRESS;
            reader = readers.byEmail(report.email());
            copy = reader.flatMap(found -> deliveries.latestSentTo(found.id(), 1).stream().findFirst());
        }
        BounceReport.MatchedBy matchedBy = how;
        Optional<DeliveryReports.Copy> matchedCopy = copy;
        return reader.map(found -> new Match(report, matchedBy, matchedCopy, found.id()));
    }

    private void applyOne(Match match, Instant now) {
        Report report = match.report();
        long readerId = match.readerId();
        Optional<DeliveryReports.Copy> copy = match.copy();
        // Flushed at once, so that another instance's copy of the same event fails here, inside the retried work.
        BounceReport.of(report, match.key(), readerId, copy.map(DeliveryReports.Copy::deliveryId).orElse(null),
                copy.map(DeliveryReports.Copy::issueId).orElse(null), match.how(), now).persistAndFlush();
        Instant at = report.at() == null ? now : report.at();
        switch (report.kind()) {
        case PERMANENT -> {
            copy.ifPresent(c -> deliveries.report(c, DeliveryReports.Verdict.BOUNCED, report.reason(), at));
            readers.bounced(readerId, now);
            metrics.bounced(true);
        }
        case TEMPORARY -> {
            copy.ifPresent(c -> deliveries.report(c, DeliveryReports.Verdict.BOUNCED,
                    Text.clip("temporary: " + (report.reason() == null ? "no reason given" : report.reason()), 500),
                    at));
            metrics.bounced(false);
            if (bouncedInARow(readerId)) {
                readers.bounced(readerId, now);
            }
        }
        case COMPLAINT -> {
            copy.ifPresent(c -> deliveries.report(c, DeliveryReports.Verdict.COMPLAINED, report.reason(), at));
            readers.complained(readerId, now);
            metrics.complained();
        }
        }
    }

    /** Whether the reader's latest copies, three different issues, all bounced. */
    private boolean bouncedInARow(long readerId) {
        List<Long> latest = deliveries.latestSentTo(readerId, TEMPORARY_IN_A_ROW).stream()
                .map(DeliveryReports.Copy::deliveryId).toList();
        return latest.size() == TEMPORARY_IN_A_ROW && BounceReport.bouncedCopies(readerId, latest) == latest.size();
    }
}
