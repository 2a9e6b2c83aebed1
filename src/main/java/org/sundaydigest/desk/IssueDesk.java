package org.sundaydigest.desk;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.sundaydigest.article.Article;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.issue.Approval;
import org.sundaydigest.issue.Check;
import org.sundaydigest.issue.Curation;
import org.sundaydigest.issue.Issue;
import org.sundaydigest.issue.IssueApprovals;
import org.sundaydigest.issue.IssueCalendar;
import org.sundaydigest.issue.IssueContent;
import org.sundaydigest.issue.IssueContents;
import org.sundaydigest.issue.IssueRenderer;
import org.sundaydigest.issue.IssueService;
import org.sundaydigest.issue.IssueStatus;
import org.sundaydigest.issue.IssueWindow;
import org.sundaydigest.issue.SendStart;
import org.sundaydigest.issue.Sending;
import org.sundaydigest.subscriber.Subscriber;
import org.sundaydigest.subscriber.SubscriberStatus;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** The desk's issue pages: an issue as the curation form shows it, its curation, test sends, sends and progress. */
@ApplicationScoped
@Transactional
class IssueDesk {

    static final int MAX_FAILURES = 100;

    /** What "Send now" did: the issue started (or was started already), or why it cannot. */
    record SendOutcome(boolean notReady, List<String> reasons, IssuePageWithReaders page) {
    }

    /** An issue page with the number of readers a send would go to. */
    record IssuePageWithReaders(DeskViews.IssuePage page, long readers) {
    }

    @Inject
    IssueService issues;

    @Inject
    IssueContents contents;

    @Inject
    IssueRenderer renderer;

    @Inject
    IssueCalendar calendar;

    @Inject
    Sending sending;

    @Inject
    DeskFormat format;

    @Inject
    Clock clock;

    @Inject
    IssueApprovals approvals;

    @Inject
    DigestConfig config;

    /** The coming issue as the curation form shows it. */
    DeskViews.IssuePage thisWeek() {
        return page(calendar.upcoming(clock.instant()), null);
    }

    /** The issue of this date as the curation form shows it: its articles by group, checks, text and counters. */
    DeskViews.IssuePage page(LocalDate date, String notice) {
        IssueContent content = contents.of(date);
        IssueWindow window = calendar.windowFor(date);
        Issue issue = Issue.forDate(date).orElse(null);
        Curation curation = issue == null ? Curation.NONE : issue.curation();
        IssueStatus status = issue == null ? IssueStatus.DRAFT : issue.status;
        List<Article> articles = Article.publishedBetween(window.start(), window.end());
        boolean autoLead = curation.pinned().isEmpty();
        List<DeskViews.Group> groups = new ArrayList<>();
        List<DeskViews.Row> opening = new ArrayList<>();
        if (content.lead() != null) {
            opening.add(row(content.lead(), true, autoLead ? null : 1));
        }
        int position = 2;
        for (IssueContent.Item item : content.topStories()) {
            opening.add(row(item, false, position++));
        }
        if (!opening.isEmpty()) {
            groups.add(new DeskViews.Group("Lead and top stories", opening));
        }
        for (IssueContent.Section section : content.sections()) {
            groups.add(new DeskViews.Group(section.name(),
                    section.items().stream().map(item -> row(item, false, null)).toList()));
        }
        Set<Long> shown = new HashSet<>(content.articles().stream().map(IssueContent.Item::id).toList());
        List<DeskViews.Row> out = articles.stream().filter(a -> !shown.contains(a.id))
                .sorted(Comparator.comparing((Article a) -> a.publishedAt).reversed())
                .map(a -> new DeskViews.Row(a.id, a.title, a.section, a.url, false, true, null)).toList();
        if (!out.isEmpty() && status == IssueStatus.DRAFT) {
            groups.add(new DeskViews.Group("Excluded", out));
        }
        List<Check> checks = contents.checks(content);
        boolean ready = !content.isEmpty() && checks.stream().allMatch(c -> c.passed() || !c.blocking());
        return new DeskViews.IssuePage(date, status, format.time(window.end()),
                format.time(window.start()) + " – " + format.time(window.end()), content.subject(), curation.subject(),
                curation.editorNote(), groups, !articles.isEmpty(), autoLead, checks, ready,
                renderer.sample(content).text(), issue == null ? Sending.Progress.NONE : sending.progress(issue.id),
                notice, "", null, approval(issue, content));
    }

    /** The issue page with the readers a send would go to, for the confirmation step. */
    IssuePageWithReaders confirmation(LocalDate date) {
        return new IssuePageWithReaders(page(date, null), Subscriber.count("status", SubscriberStatus.ACTIVE));
    }

    /** Applies the form to the issue's articles as they are now. */
    @Transactional(TxType.NOT_SUPPORTED)
    void curate(LocalDate date, CurationForm form, String by) {
        IssueWindow window = calendar.windowFor(date);
        List<Long> inWindow = QuarkusTransaction.requiringNew()
                .call(() -> Article.publishedBetween(window.start(), window.end()).stream().map(a -> a.id).toList());
        issues.curate(date, form.toCuration(inWindow), by);
    }

    /** Sends a test copy to one address, and the page that says so. */
    @Transactional(TxType.NOT_SUPPORTED)
    DeskViews.IssuePage sendTest(LocalDate date, String address) {
        issues.sendTest(date, List.of(address));
        return QuarkusTransaction.requiringNew().call(() -> page(date, null))
                .withTest("A test copy is on its way to " + address + ".", address, null);
    }

    @Transactional(TxType.NOT_SUPPORTED)
    SendOutcome send(LocalDate date, String by) {
        SendStart start = issues.start(date, by);
        if (start.result() == SendStart.Result.AWAITING_APPROVAL) {
            return new SendOutcome(false, start.reasons(), null);
        }
        if (start.result() != SendStart.Result.NOT_READY) {
            return new SendOutcome(false, List.of(), null);
        }
        return new SendOutcome(true, start.reasons(), QuarkusTransaction.requiringNew().call(() -> confirmation(date)));
    }

    /** A send's progress page, empty when there is no such issue. */
    Optional<DeskViews.ProgressView> progress(LocalDate date, String notice) {
        return issues.progress(date, MAX_FAILURES)
                .map(p -> new DeskViews.ProgressView(date, p.status(), p.subject(), p.delivery(),
                        p.delivery().eta() == null ? null : format.time(p.delivery().eta()), p.failures(), notice));
    }

    /** Approves the issue for this account; a send it waited for starts. */
    @Transactional(TxType.NOT_SUPPORTED)
    SendStart approve(LocalDate date, String by) {
        return approvals.approve(date, by).start();
    }

    /** Where the draft stands with approval; its content is fingerprinted only when there is an approval to check. */
    private DeskViews.ApprovalView approval(Issue issue, IssueContent content) {
        if (!config.accounts().sendApproval() || issue != null && !issue.isDraft()) {
            return new DeskViews.ApprovalView(false, null, null, null, java.util.Set.of());
        }
        Approval approval = issue == null ? new Approval() : issue.approval();
        String now = approval.approvedBy == null ? "" : contents.fingerprint(content);
        return new DeskViews.ApprovalView(true, approval.requestedBy, approval.approvedBy,
                approval.missingFor(approval.requestedBy, now).orElse(null), approval.mayNotApprove());
    }

    private static DeskViews.Row row(IssueContent.Item item, boolean lead, Integer position) {
        return new DeskViews.Row(item.id(), item.title(), item.section(), item.url(), lead, false, position);
    }
}
