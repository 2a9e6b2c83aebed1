package org.sundaydigest.issue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;
import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.Retry;
import org.sundaydigest.mail.MailContext;
import org.sundaydigest.subscriber.Subscriber;
import org.sundaydigest.web.CsvDownload;
import org.sundaydigest.web.ProblemException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The issues' use cases, for the API, the desk and the schedule alike: curation, previews, checks, test sends, and
 * starting, following and retrying a send. Sends are started only here.
 */
@ApplicationScoped
@Transactional
public class IssueService {

    private static final Logger LOG = Logger.getLogger(IssueService.class);
    private static final Duration TEST_SEND_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    IssueContents contents;

    @Inject
    IssueCalendar calendar;

    @Inject
    IssueRenderer renderer;

    @Inject
    IssueMessages messages;

    @Inject
    MailContext mailContext;

    @Inject
    Sending sending;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    DigestConfig config;

    /** Every issue, newest first, with its counters. */
    public List<IssueViews.Summary> list() {
        return Issue.newestFirst().stream().map(issue -> new IssueViews.Summary(issue.sendDate, issue.status,
                issue.subject, issue.sendingStartedAt, issue.sentAt, progressOf(issue))).toList();
    }

    /** The issue of this date, a draft that does not exist yet included. */
    public IssueViews.Detail detail(LocalDate date) {
        IssueContent content = contents.of(date);
        Issue issue = Issue.forDate(date).orElse(null);
        return new IssueViews.Detail(date, issue == null ? IssueStatus.DRAFT : issue.status, content.subject(),
                content.windowStart(), content.windowEnd(), content.articles().size(),
                content.lead() == null ? null : content.lead().title(),
                issue == null ? Curation.NONE : issue.curation(), issue == null ? null : issue.sendingStartedAt,
                issue == null ? null : issue.sentAt, progressOf(issue));
    }

    /** Applies an editor's curation to a draft, creating the issue if needed; 409 once it is sending or sent. */
    @Transactional(TxType.NOT_SUPPORTED)
    public IssueViews.Detail curate(LocalDate date, Curation curation, String by) {
        CurationArticles.require("pinned", curation.pinned());
        CurationArticles.require("excluded", curation.excluded());
        Retry.onceOnConflict(() -> {
            Issue issue = Issue.forDate(date).orElseGet(() -> created(date));
            if (!issue.isDraft()) {
                throw ProblemException.conflict("The issue of " + date + " is " + issue.status.name().toLowerCase()
                        + "; it can no longer be changed.");
            }
            issue.curate(curation, by, clock.instant());
            audit.record(AuditAction.ISSUE_CURATE, "issue " + date, curation.summary());
            return issue;
        });
        return QuarkusTransaction.requiringNew().call(() -> detail(date));
    }

    /** The copy of a sample reader, or of the reader with this id as they will get it. */
    public IssueRenderer.Rendered preview(LocalDate date, Long subscriberId) {
        IssueContent content = contents.of(date);
        if (subscriberId == null) {
            return renderer.sample(content);
        }
        Subscriber reader = Subscriber.<Subscriber> findByIdOptional(subscriberId)
                .orElseThrow(() -> ProblemException.notFound("No subscriber with id " + subscriberId + "."));
        return renderer.forReaders(content, reader.sections).personalize(reader.email,
                renderer.unsubscribeUrl(reader.unsubscribeToken), renderer.preferencesUrl(reader.unsubscribeToken));
    }

    public IssueViews.Checks checks(LocalDate date) {
        List<Check> checks = contents.checks(contents.of(date));
        return new IssueViews.Checks(PreSendChecks.failures(checks).isEmpty(), checks);
    }

    /** Sends the issue to these addresses only, marked as a test; no reader's delivery is touched. */
    @Transactional(TxType.NOT_SUPPORTED)
    public void sendTest(LocalDate date, Collection<String> to) {
        IssueRenderer.Rendered copy = renderer.forReaders(contents.of(date), List.of());
        for (String address : to) {
            mailContext.sendAndWait(messages.test(copy, address), TEST_SEND_TIMEOUT);
        }
        QuarkusTransaction.requiringNew()
                .run(() -> audit.record(AuditAction.ISSUE_TEST, "issue " + date, "to " + String.join(", ", to)));
    }

    /**
     * Starts sending the issue of this date, unless it has no articles or fails a blocking check: its content is frozen
     * and a delivery created for every reader active now in one transaction under a lock on the issue, so that
     * concurrent starts (a scheduled fire, an editor, another instance) start it once. The engines take it up at their
     * next poll; {@link #start} also wakes this instance's.
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public SendStart startSending(LocalDate date) {
        return startSending(date, null);
    }

    /** {@link #startSending}, asked by this account (null: the schedule), which approval may make wait. */
    @Transactional(TxType.NOT_SUPPORTED)
    public SendStart startSending(LocalDate date, String by) {
        return Retry.onceOnConflict(() -> startLocked(date, by));
    }

    /** {@link #startSending}, said in the log, and this instance's engine woken. */
    @Transactional(TxType.NOT_SUPPORTED)
    public SendStart start(LocalDate date) {
        return start(date, null);
    }

    @Transactional(TxType.NOT_SUPPORTED)
    public SendStart start(LocalDate date, String by) {
        SendStart start = startSending(date, by);
        switch (start.result()) {
        case STARTED -> LOG.infof("The issue of %s starts sending to %d readers.", date, start.recipients());
        case ALREADY_STARTED -> LOG.infof("The issue of %s is %s already; nothing new to start.", date,
                start.status().name().toLowerCase());
        case AWAITING_APPROVAL -> LOG.infof("The issue of %s is not sent yet: %s", date, start.reasons().get(0));
        case NOT_READY -> LOG.warnf("The issue of %s is not sent: %s", date, String.join(" ", start.reasons()));
        }
        if (start.status() == IssueStatus.SENDING) {
            sending.wake();
        }
        return start;
    }

    /** {@link #start}, with where the send stands then. */
    @Transactional(TxType.NOT_SUPPORTED)
    public IssueViews.Send send(LocalDate date, String by) {
        SendStart start = start(date, by);
        return new IssueViews.Send(date, start, QuarkusTransaction.requiringNew().call(() -> progressOf(date)));
    }

    /** Puts the recipients that failed, and are still subscribed, back in line; empty when there is no such issue. */
    @Transactional(TxType.NOT_SUPPORTED)
    public Optional<IssueViews.Retry> retryFailed(LocalDate date) {
        Optional<Integer> retried = QuarkusTransaction.requiringNew().call(() -> Issue.lockForDate(date).map(issue -> {
            int reopened = sending.retryFailed(issue.id, clock.instant());
            if (reopened > 0) {
                issue.reopen(clock.instant());
            }
            audit.record(AuditAction.ISSUE_RETRY, "issue " + date, reopened + " recipients back in line");
            return reopened;
        }));
        retried.filter(count -> count > 0).ifPresent(count -> sending.wake());
        return retried.map(count -> new IssueViews.Retry(date, count,
                QuarkusTransaction.requiringNew().call(() -> progressOf(date))));
    }

    /** A started send's counters and up to {@code maxFailures} of its failures; empty when there is no such issue. */
    public Optional<IssueViews.Progress> progress(LocalDate date, int maxFailures) {
        return Issue.forDate(date).map(issue -> new IssueViews.Progress(date, issue.status, issue.subject,
                sending.progress(issue.id), sending.failures(issue.id, maxFailures)));
    }

    /** Every recipient of the issue with their outcome, as CSV to be streamed; empty when there is no such issue. */
    public Optional<CsvDownload.Body> deliveries(LocalDate date) {
        return Issue.forDate(date).map(issue -> out -> sending.writeCsv(issue.id, out));
    }

    private SendStart startLocked(LocalDate date, String by) {
        Issue issue = Issue.lockForDate(date).orElseGet(() -> created(date));
        if (!issue.isDraft()) {
            return SendStart.already(issue.status);
        }
        IssueContent content = contents.compose(date, issue.curation());
        if (content.isEmpty()) {
            IssueWindow window = calendar.windowFor(date);
            return SendStart.notReady(List.of("No article was published in the issue's window, from " + window.start()
                    + " up to " + window.end() + "."));
        }
        List<Check> failures = PreSendChecks.failures(contents.checks(content));
        if (!failures.isEmpty()) {
            return SendStart.notReady(failures.stream().map(Check::message).toList());
        }
        Optional<String> waiting = config.accounts().sendApproval()
                ? issue.approval().hold(by, contents.fingerprint(content), clock.instant()) : Optional.empty();
        if (waiting.isPresent()) {
            if (by != null) {
                audit.record(AuditAction.ISSUE_SEND, "issue " + date, "asked; " + waiting.get());
            }
            return SendStart.awaitingApproval(waiting.get());
        }
        issue.startSending(content.subject(), contents.toJson(content), clock.instant());
        int recipients = sending.enrol(issue.id, clock.instant());
        audit.record(AuditAction.ISSUE_SEND, "issue " + date, "started for " + recipients + " readers"
                + (issue.approval().approvedBy == null ? "" : ", approved by " + issue.approval().approvedBy));
        return SendStart.started(recipients);
    }

    /** A new draft of this date; the unique send date settles a race with another request creating it. */
    private Issue created(LocalDate date) {
        Issue issue = Issue.draft(date, clock.instant());
        issue.persistAndFlush();
        return issue;
    }

    Sending.Progress progressOf(LocalDate date) {
        return progressOf(Issue.forDate(date).orElse(null));
    }

    private Sending.Progress progressOf(Issue issue) {
        return issue == null ? Sending.Progress.NONE : sending.progress(issue.id);
    }
}
