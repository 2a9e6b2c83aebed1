package org.sundaydigest.mail;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.sundaydigest.common.Text;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One email to a reader outside the digest, from the moment the change that calls for it commits until the relay took
 * it. Any instance may claim it under a lease; an instance that dies with it leaves the lease to run out.
 */
@Entity
@Table(name = "outbox_mail")
class OutboxMail extends PanacheEntityBase {

    enum Status {
        /** Waiting for its next attempt, or claimed by an instance under a lease. */
        PENDING,
        /** Taken by the relay; the bodies are blanked. */
        SENT,
        /** Refused for good, or still refused after the last attempt; the bodies are blanked. */
        FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_mail_seq")
    @SequenceGenerator(name = "outbox_mail_seq", sequenceName = "outbox_mail_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, length = 30)
    public String kind;

    @Column(nullable = false, length = 320)
    public String recipient;

    @Column(nullable = false, length = 1000)
    public String subject;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(name = "html_body")
    public String htmlBody;

    @Column(name = "text_body")
    public String textBody;

    /** Headers of the email's own, one "Name: value" a line. */
    @Column(name = "headers", length = 4000)
    public String headers;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_owner", length = 100)
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "last_error", length = 500)
    public String lastError;

    static OutboxMail of(Outbox.Message message, String messageId, Instant now) {
        OutboxMail mail = new OutboxMail();
        mail.kind = message.kind();
        mail.recipient = message.to();
        mail.subject = message.subject();
        mail.htmlBody = message.html();
        mail.textBody = message.text();
        mail.headers = message.headers().entrySet().stream().map(h -> h.getKey() + ": " + h.getValue())
                .collect(Collectors.joining("\n"));
        mail.messageId = messageId;
        mail.status = Status.PENDING;
        mail.nextAttemptAt = now;
        mail.createdAt = now;
        return mail;
    }

    /** The ids of mails due now and not held by a live lease, oldest first. */
    static List<Long> dueIds(Instant now, int max) {
        return getEntityManager()
                .createQuery("select m.id from OutboxMail m where m.status = ?1 and m.nextAttemptAt <= ?2"
                        + " and (m.leaseUntil is null or m.leaseUntil <= ?2) order by m.id", Long.class)
                .setParameter(1, Status.PENDING).setParameter(2, now).setMaxResults(max).getResultList();
    }

    /** Takes the mail for {@code owner} until {@code until}; false when another instance was first. */
    static boolean claim(long id, String owner, Instant now, Instant until) {
        return update(
                "leaseOwner = ?1, leaseUntil = ?2, attempts = attempts + 1 where id = ?3 and status = ?4"
                        + " and nextAttemptAt <= ?5 and (leaseUntil is null or leaseUntil <= ?5)",
                owner, until, id, Status.PENDING, now) == 1;
    }

    /** The headers of the email's own, as they were written. */
    Map<String, String> headerMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (headers != null) {
            headers.lines().filter(line -> line.contains(": ")).forEach(
                    line -> map.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2)));
        }
        return map;
    }

    /** Records that the relay took it, if {@code owner} still holds it; the bodies, and so any link, are blanked. */
    static boolean sent(long id, String owner, Instant now) {
        return update(
                "status = ?1, sentAt = ?2, leaseOwner = null, leaseUntil = null, lastError = null,"
                        + " htmlBody = null, textBody = null, headers = null"
                        + " where id = ?3 and leaseOwner = ?4 and status = ?5",
                Status.SENT, now, id, owner, Status.PENDING) == 1;
    }

    /** Puts it back in line until {@code next}, if {@code owner} still holds it. */
    static boolean deferred(long id, String owner, Instant next, String error) {
        return update(
                "nextAttemptAt = ?1, leaseOwner = null, leaseUntil = null, lastError = ?2 where id = ?3"
                        + " and leaseOwner = ?4 and status = ?5",
                next, Text.clip(error, 500), id, owner, Status.PENDING) == 1;
    }

    /** Gives it up for good, if {@code owner} still holds it; the bodies are blanked. */
    static boolean failed(long id, String owner, String error) {
        return update(
                "status = ?1, leaseOwner = null, leaseUntil = null, lastError = ?2, htmlBody = null,"
                        + " textBody = null, headers = null where id = ?3 and leaseOwner = ?4 and status = ?5",
                Status.FAILED, Text.clip(error, 500), id, owner, Status.PENDING) == 1;
    }

    /** Drops the emails of this kind still waiting for the recipient: a newer one replaces them. */
    static long dropWaiting(String kind, String recipient) {
        return delete("kind = ?1 and lower(recipient) = lower(?2) and status = ?3", kind, recipient, Status.PENDING);
    }

    /** Forgets every email to the recipient, sent or not: their address must not outlive an erasure. */
    static long forget(String recipient) {
        return delete("lower(recipient) = lower(?1)", recipient);
    }

    /** Deletes the emails written before this time, whatever became of them. */
    static long deleteCreatedBefore(Instant before) {
        return delete("createdAt < ?1", before);
    }
}
