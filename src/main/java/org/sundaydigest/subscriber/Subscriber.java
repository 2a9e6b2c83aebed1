package org.sundaydigest.subscriber;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.sundaydigest.common.Hashing;
import org.sundaydigest.common.TokenGenerator;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** A reader of the digest: an address, a status and the proof of how they came and went. */
@Entity
@Table(name = "subscriber")
public class Subscriber extends PanacheEntity {

    /** The address as the reader typed it. */
    @Column(nullable = false, length = 254)
    public String email;

    /** The address lower-cased: one reader per address, whatever its case. */
    @Column(name = "email_key", nullable = false, unique = true, length = 254)
    public String emailKey;

    @Column(length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public SubscriberStatus status;

    /** Sections the reader chose; empty means all. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "subscriber_section", joinColumns = @JoinColumn(name = "subscriber_id"))
    @Column(name = "section", length = 100)
    public Set<String> sections = new LinkedHashSet<>();

    /** SHA-256 of the pending confirmation token: a leaked table confirms no one. */
    @Column(name = "confirm_token_hash", unique = true, length = 64)
    public String confirmTokenHash;

    @Column(name = "confirm_token_expires_at")
    public Instant confirmTokenExpiresAt;

    /** Kept in clear because every digest carries it; it can do nothing but unsubscribe. */
    @Column(name = "unsubscribe_token", nullable = false, unique = true, length = 64)
    public String unsubscribeToken;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "unsubscribed_at")
    public Instant unsubscribedAt;

    @OneToMany(mappedBy = "subscriber", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("occurredAt, id")
    public List<ConsentEvent> consentEvents = new ArrayList<>();

    static String keyOf(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public static Optional<Subscriber> findByEmail(String email) {
        return find("emailKey", keyOf(email)).firstResultOptional();
    }

    static Optional<Subscriber> findByConfirmToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String hash = Hashing.sha256Hex(token);
        return Subscriber.<Subscriber> find("confirmTokenHash", hash).firstResultOptional()
                .filter(s -> TokenGenerator.sameSecret(s.confirmTokenHash, hash));
    }

    public static Optional<Subscriber> findByUnsubscribeToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Subscriber.<Subscriber> find("unsubscribeToken", token).firstResultOptional()
                .filter(s -> TokenGenerator.sameSecret(s.unsubscribeToken, token));
    }

    static List<Subscriber> page(Optional<SubscriberStatus> status, int page, int size) {
        Sort byId = Sort.by("id");
        var query = status.isPresent() ? find("status", byId, status.get()) : findAll(byId);
        return query.page(Page.of(page, size)).list();
    }

    static long countWith(Optional<SubscriberStatus> status) {
        return status.isPresent() ? count("status", status.get()) : count();
    }

    /** A new, pending reader; {@link #requestConfirmation} gives them their first link. */
    static Subscriber signUp(String email, TokenGenerator tokens, Instant now) {
        Subscriber subscriber = new Subscriber();
        subscriber.email = email.trim();
        subscriber.emailKey = keyOf(email);
        subscriber.status = SubscriberStatus.PENDING;
        subscriber.unsubscribeToken = tokens.newToken();
        subscriber.createdAt = now;
        return subscriber;
    }

    /**
     * Puts a reader who is not active (new, pending, gone or bounced) back to pending with a fresh confirmation link,
     * and returns that link's token. Active readers are left as they are: nobody else can change them by signing up.
     */
    Optional<String> requestConfirmation(String name, Collection<String> chosenSections, TokenGenerator tokens,
            Instant now, Duration ttl, Duration resendInterval) {
        if (status == SubscriberStatus.ACTIVE || linkIsFresh(now, ttl, resendInterval)) {
            return Optional.empty();
        }
        status = SubscriberStatus.PENDING;
        this.name = name;
        sections.clear();
        sections.addAll(chosenSections);
        return Optional.of(renewConfirmationToken(tokens, now, ttl));
    }

    /** A new link for a reader still pending, when the old one has expired. */
    Optional<String> renewConfirmation(TokenGenerator tokens, Instant now, Duration ttl, Duration resendInterval) {
        return status == SubscriberStatus.PENDING && !linkIsFresh(now, ttl, resendInterval)
                ? Optional.of(renewConfirmationToken(tokens, now, ttl)) : Optional.empty();
    }

    /**
     * Whether a pending reader was sent a link less than {@code resendInterval} ago: repeated sign-ups then send
     * nothing, so the form cannot be used to flood someone's inbox.
     */
    private boolean linkIsFresh(Instant now, Duration ttl, Duration resendInterval) {
        return status == SubscriberStatus.PENDING && confirmTokenExpiresAt != null
                && now.isBefore(confirmTokenExpiresAt.minus(ttl).plus(resendInterval));
    }

    private String renewConfirmationToken(TokenGenerator tokens, Instant now, Duration ttl) {
        String token = tokens.newToken();
        confirmTokenHash = Hashing.sha256Hex(token);
        confirmTokenExpiresAt = now.plus(ttl);
        return token;
    }

    /** What this reader's confirmation link stands for now. */
    ConfirmOutcome confirmationLink(Instant now) {
        if (status == SubscriberStatus.ACTIVE) {
            return ConfirmOutcome.ALREADY_ACTIVE;
        }
        return status == SubscriberStatus.PENDING && confirmTokenExpiresAt != null
                && now.isBefore(confirmTokenExpiresAt) ? ConfirmOutcome.AWAITING : ConfirmOutcome.EXPIRED;
    }

    /** Confirms a pending reader whose link is still valid; confirming twice is harmless. */
    ConfirmOutcome confirm(Instant now) {
        if (status == SubscriberStatus.ACTIVE) {
            return ConfirmOutcome.ALREADY_ACTIVE;
        }
        if (status != SubscriberStatus.PENDING || confirmTokenExpiresAt == null
                || !now.isBefore(confirmTokenExpiresAt)) {
            return ConfirmOutcome.EXPIRED;
        }
        status = SubscriberStatus.ACTIVE;
        confirmedAt = now;
        unsubscribedAt = null;
        return ConfirmOutcome.CONFIRMED;
    }

    /** Makes a pending reader active on the consent an import file records; false for any other status. */
    boolean activateByImport(Instant now) {
        if (status != SubscriberStatus.PENDING) {
            return false;
        }
        status = SubscriberStatus.ACTIVE;
        confirmedAt = now;
        confirmTokenHash = null;
        confirmTokenExpiresAt = null;
        return true;
    }

    /** Takes the reader off the list; returns false when they had already left. */
    boolean unsubscribe(Instant now) {
        if (status == SubscriberStatus.UNSUBSCRIBED) {
            return false;
        }
        status = SubscriberStatus.UNSUBSCRIBED;
        unsubscribedAt = now;
        confirmTokenHash = null;
        confirmTokenExpiresAt = null;
        return true;
    }

    /** Marks an active reader whose address the receiving mail system rejected as not existing; true if it did. */
    public boolean bounce(Instant now) {
        if (status != SubscriberStatus.ACTIVE) {
            return false;
        }
        status = SubscriberStatus.BOUNCED;
        record(ConsentEvent.Type.BOUNCE, new RequestOrigin(Channel.SYSTEM, null, null), now, null);
        return true;
    }

    /** The reader's own choice of name and sections (none: all), from their page; whether anything changed. */
    boolean changePreferences(String newName, Collection<String> chosenSections) {
        boolean changed = !Objects.equals(name, newName) || !sections.equals(new LinkedHashSet<>(chosenSections));
        name = newName;
        sections.clear();
        sections.addAll(chosenSections);
        return changed;
    }

    void record(ConsentEvent.Type type, RequestOrigin origin, Instant now, String consentVersion) {
        ConsentEvent event = new ConsentEvent();
        event.subscriber = this;
        event.type = type;
        event.occurredAt = now;
        event.channel = origin.channel();
        event.ip = origin.ip();
        event.userAgent = origin.userAgent();
        event.consentVersion = consentVersion;
        consentEvents.add(event);
    }
}
