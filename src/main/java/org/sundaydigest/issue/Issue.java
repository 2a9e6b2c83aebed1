package org.sundaydigest.issue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.sundaydigest.common.Text;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** One edition of the digest, keyed by its send date: at most one per date, enforced by the database. */
@Entity
@Table(name = "digest_issue")
public class Issue extends PanacheEntityBase {

    @Id
    @GeneratedValue(generator = "digest_issue_seq")
    @SequenceGenerator(name = "digest_issue_seq", sequenceName = "digest_issue_seq", allocationSize = 50)
    public Long id;

    @Column(name = "send_date", nullable = false, unique = true)
    public LocalDate sendDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public IssueStatus status;

    @Column(length = 300)
    public String subject;

    @Column(name = "editor_note", length = 4000)
    public String editorNote;

    /** Article ids, comma-separated, in the editor's order. */
    @Column(length = 20_000)
    String pinned;

    @Column(length = 20_000)
    String excluded;

    /** The issue's content as JSON, written when sending starts. */
    @Column(length = 1_000_000)
    String snapshot;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "sending_started_at")
    public Instant sendingStartedAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** Who asked for the send and who approved it; Hibernate leaves it null while all its columns are. */
    @Embedded
    Approval approval;

    public static Optional<Issue> forDate(LocalDate sendDate) {
        return find("sendDate", sendDate).firstResultOptional();
    }

    /** The issue of this date, locked until the transaction ends. */
    static Optional<Issue> lockForDate(LocalDate sendDate) {
        return find("sendDate", sendDate).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static List<Issue> newestFirst() {
        return listAll(Sort.descending("sendDate"));
    }

    public static List<Issue> sentNewestFirst() {
        return list("status", Sort.descending("sendDate"), IssueStatus.SENT);
    }

    /** The ids of the issues being sent, oldest first: the sending engine's work list. */
    public static List<Long> idsBeingSent() {
        return getEntityManager()
                .createQuery("select i.id from Issue i where i.status = :sending order by i.sendDate", Long.class)
                .setParameter("sending", IssueStatus.SENDING).getResultList();
    }

    /**
     * Marks the issue sent once {@code settled} confirms that no recipient is left, under a lock on the issue, so that
     * a retry reopening it either comes first and is seen, or waits; true if this call did it.
     */
    public static boolean finishSending(long id, Instant now, BooleanSupplier settled) {
        Issue issue = findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (issue == null || issue.status != IssueStatus.SENDING || !settled.getAsBoolean()) {
            return false;
        }
        issue.status = IssueStatus.SENT;
        issue.sentAt = now;
        issue.updatedAt = now;
        return true;
    }

    /** What changes whenever an issue is sent or reopened: how many are sent and when the last one was. */
    static String sentFingerprint() {
        Object[] row = getEntityManager()
                .createQuery("select count(i), max(i.sentAt) from Issue i where i.status = :sent", Object[].class)
                .setParameter("sent", IssueStatus.SENT).getSingleResult();
        return row[0] + "/" + row[1];
    }

    static Issue draft(LocalDate sendDate, Instant now) {
        Issue issue = new Issue();
        issue.sendDate = sendDate;
        issue.status = IssueStatus.DRAFT;
        issue.createdAt = now;
        issue.updatedAt = now;
        return issue;
    }

    public Curation curation() {
        return new Curation(subject, editorNote, ids(pinned), ids(excluded));
    }

    /** Applies an editor's choices; only a draft can change. */
    void curate(Curation curation, String by, Instant now) {
        requireDraft();
        subject = curation.subject() == null ? null : Composer.oneLine(curation.subject());
        editorNote = Text.blankToNull(curation.editorNote());
        pinned = join(curation.pinned());
        excluded = join(curation.excluded());
        approval().curatedBy(by);
        updatedAt = now;
    }

    /** Freezes the content, with the subject it was composed with, and starts sending. */
    void startSending(String finalSubject, String snapshotJson, Instant now) {
        requireDraft();
        subject = finalSubject;
        snapshot = snapshotJson;
        status = IssueStatus.SENDING;
        sendingStartedAt = now;
        updatedAt = now;
    }

    /** A sent issue whose failed recipients were put back in line is sending again; a sending one stays so. */
    void reopen(Instant now) {
        if (status == IssueStatus.SENT) {
            status = IssueStatus.SENDING;
            sentAt = null;
            updatedAt = now;
        }
    }

    /** Who asked for the send and who approved it, when approval is required. */
    public Approval approval() {
        if (approval == null) {
            approval = new Approval();
        }
        return approval;
    }

    public boolean isDraft() {
        return status == IssueStatus.DRAFT;
    }

    Optional<String> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    private void requireDraft() {
        if (status != IssueStatus.DRAFT) {
            throw new IllegalStateException(
                    "The issue of " + sendDate + " is " + status.name().toLowerCase() + " and can no longer change.");
        }
    }

    private static List<Long> ids(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(Long::valueOf).toList();
    }

    private static String join(List<Long> ids) {
        return ids.isEmpty() ? null : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
