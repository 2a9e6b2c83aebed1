package org.sundaydigest.subscriber;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One line of a reader's proof of consent (GDPR Art. 7): a sign-up, a confirmation or a departure. */
@Entity
@Table(name = "consent_event")
public class ConsentEvent extends PanacheEntityBase {

    public enum Type {
        SIGNUP, CONFIRM, UNSUBSCRIBE, BOUNCE, PREFERENCES, PAUSE, RESUME
    }

    @Id
    @GeneratedValue(generator = "consent_event_seq")
    @SequenceGenerator(name = "consent_event_seq", sequenceName = "consent_event_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subscriber_id")
    public Subscriber subscriber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Type type;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Channel channel;

    @Column(length = 64)
    public String ip;

    @Column(name = "user_agent", length = 500)
    public String userAgent;

    @Column(name = "consent_version", length = 50)
    public String consentVersion;

    /** What the event rests on beyond its channel: for an import, the source, the account, the file and its hash. */
    @Column(length = 500)
    public String detail;

    /** Blanks the network address and browser of events older than this; returns how many changed. */
    static int blankNetworkBefore(Instant before) {
        return update("ip = null, userAgent = null where occurredAt < ?1 and (ip is not null or userAgent is not null)",
                before);
    }
}
