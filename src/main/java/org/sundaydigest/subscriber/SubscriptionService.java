package org.sundaydigest.subscriber;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.DigestConfig;
import org.sundaydigest.common.Retry;
import org.sundaydigest.common.TokenGenerator;
import org.sundaydigest.mail.Outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A reader's way in and out: sign-up, confirmation, departure and erasure. An email a step calls for is written to the
 * outbox in the step's transaction and sent once it has committed, so a rollback never leaves a sent link pointing
 * nowhere, and a relay outage or a crash never loses the email.
 */
@ApplicationScoped
public class SubscriptionService {

    @Inject
    DigestConfig config;

    @Inject
    Audit audit;

    @Inject
    Clock clock;

    @Inject
    TokenGenerator tokens;

    @Inject
    ConfirmationMail confirmationMail;

    @Inject
    SignUpLimit limits;

    @Inject
    SubscriberMetrics metrics;

    @Inject
    Outbox outbox;

    @Inject
    WelcomeMail welcomeMail;

    /**
     * Signs a reader up; the outcome looks the same whether the address was new, pending or active, and whether a
     * confirmation email went out or the address had had its share for the day.
     *
     * @throws SignUpLimit.Reached
     *             when the client address has signed up too many readers just now
     */
    void subscribe(SubscriptionRequest request, RequestOrigin origin) {
        limits.admit(origin);
        // Two sign-ups of one new address may race on its unique key; a second try finds the first.
        Retry.onceOnConflict(() -> signUp(request, origin));
        metrics.signedUp(origin.channel());
    }

    /** Records the sign-up and, in the same transaction, the confirmation email; whether one was written. */
    private boolean signUp(SubscriptionRequest request, RequestOrigin origin) {
        Instant now = clock.instant();
        Subscriber subscriber = Subscriber.findByEmail(request.email())
                .orElseGet(() -> Subscriber.signUp(request.email(), tokens, now));
        if (subscriber.status != SubscriberStatus.ACTIVE && !limits.mayMail(subscriber.emailKey)) {
            return false;
        }
        Optional<String> token = subscriber.requestConfirmation(request.name(), canonicalSections(request.sections()),
                tokens, now, config.subscription().confirmationTtl(), config.subscription().resendInterval());
        if (token.isEmpty()) {
            return false;
        }
        subscriber.record(ConsentEvent.Type.SIGNUP, origin, now, config.subscription().consentVersion());
        subscriber.persistAndFlush();
        limits.mailed(subscriber.emailKey);
        confirmationMail.enqueue(subscriber.email, token.get());
        return true;
    }

    private List<String> canonicalSections(List<String> chosen) {
        return config.sections().stream()
                .filter(known -> chosen.stream().anyMatch(c -> c.trim().equalsIgnoreCase(known))).toList();
    }

    /** The outcome, and for a confirmed reader the token of their way out, shown right away. */
    record Confirmation(ConfirmOutcome outcome, String unsubscribeToken) {
    }

    /** What the confirmation link stands for now; changes nothing. */
    @Transactional
    ConfirmOutcome checkConfirmation(String token) {
        return Subscriber.findByConfirmToken(token).map(subscriber -> subscriber.confirmationLink(clock.instant()))
                .orElse(ConfirmOutcome.UNKNOWN);
    }

    /** Confirms the reader of the link and spends it: it confirms nothing again, nor shows the way out again. */
    @Transactional
    Confirmation confirm(String token, RequestOrigin origin) {
        Optional<Subscriber> found = Subscriber.findByConfirmToken(token);
        if (found.isEmpty()) {
            return new Confirmation(ConfirmOutcome.UNKNOWN, null);
        }
        Subscriber subscriber = found.get();
        // Read again under a lock: two presses of one button at once confirm, and welcome, once.
        Subscriber.getEntityManager().refresh(subscriber, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        ConfirmOutcome result = subscriber.confirm(now);
        if (result != ConfirmOutcome.CONFIRMED) {
            return new Confirmation(result, null);
        }
        subscriber.record(ConsentEvent.Type.CONFIRM, origin, now, config.subscription().consentVersion());
        Suppression.lift(subscriber.email);
        metrics.confirmed();
        if (config.welcomeEnabled()) {
            welcomeMail.enqueue(subscriber);
        }
        return new Confirmation(result, subscriber.unsubscribeToken);
    }

    /** Sends a fresh link in place of an expired one; false when the old link is unknown. */
    boolean renewConfirmation(String expiredToken) {
        Optional<Boolean> written = QuarkusTransaction.requiringNew()
                .call(() -> Subscriber.findByConfirmToken(expiredToken).map(subscriber -> {
                    if (!limits.mayMail(subscriber.emailKey)) {
                        return false;
                    }
                    Optional<String> token = subscriber.renewConfirmation(tokens, clock.instant(),
                            config.subscription().confirmationTtl(), config.subscription().resendInterval());
                    token.ifPresent(t -> {
                        limits.mailed(subscriber.emailKey);
                        confirmationMail.enqueue(subscriber.email, t);
                    });
                    return token.isPresent();
                }));
        return written.isPresent();
    }

    /** Takes the reader with this token off the list; idempotent. Gives their address, empty for an unknown token. */
    @Transactional
    Optional<String> unsubscribe(String token, RequestOrigin origin) {
        Optional<Subscriber> found = Subscriber.findByUnsubscribeToken(token);
        found.ifPresent(subscriber -> {
            Instant now = clock.instant();
            if (subscriber.unsubscribe(now)) {
                subscriber.record(ConsentEvent.Type.UNSUBSCRIBE, origin, now, null);
                metrics.unsubscribed(origin.channel());
            }
        });
        return found.map(subscriber -> subscriber.email);
    }

    /** A reader's page as its token opens it; empty for an unknown token. Changes nothing. */
    @Transactional
    Optional<PreferencesPage.Reader> preferences(String token) {
        return Subscriber.findByUnsubscribeToken(token).map(this::reader);
    }

    /**
     * Pauses an active reader for four weeks ({@code pause}) or ends their pause, recorded in the consent record; empty
     * for an unknown token.
     */
    @Transactional
    Optional<PreferencesPage.Reader> pause(String token, boolean pause, RequestOrigin origin) {
        return Subscriber.findByUnsubscribeToken(token).map(subscriber -> {
            Instant now = clock.instant();
            if (pause && subscriber.status == SubscriberStatus.ACTIVE) {
                ReaderPause.pause(subscriber.id, now.plus(PreferencesPage.PAUSE));
                subscriber.record(ConsentEvent.Type.PAUSE, origin, now, null);
            } else if (!pause && ReaderPause.resume(subscriber.id)) {
                subscriber.record(ConsentEvent.Type.RESUME, origin, now, null);
            }
            return reader(subscriber);
        });
    }

    private PreferencesPage.Reader reader(Subscriber subscriber) {
        return PreferencesPage.Reader.of(subscriber, ReaderPause.until(subscriber.id, clock.instant()).orElse(null));
    }

    /**
     * Saves the name and sections the reader chose on their page, recorded in the consent record when they changed; the
     * next issue follows them. Empty for an unknown token.
     */
    @Transactional
    Optional<PreferencesPage.Reader> changePreferences(String token, PreferencesRequest request, RequestOrigin origin) {
        return Subscriber.findByUnsubscribeToken(token).map(subscriber -> {
            if (subscriber.changePreferences(request.name(), canonicalSections(request.sections()))) {
                subscriber.record(ConsentEvent.Type.PREFERENCES, origin, clock.instant(), null);
            }
            return reader(subscriber);
        });
    }

    /** Erases a reader's personal data, keeping only a hash of the address so it is not mailed again. */
    @Transactional
    boolean erase(long id) {
        Optional<Subscriber> found = Subscriber.findByIdOptional(id);
        found.ifPresent(subscriber -> {
            Suppression.suppress(subscriber.email, "ERASED", clock.instant());
            outbox.forget(subscriber.email);
            subscriber.delete();
            // The address itself is what was erased: the log names the reader by id only.
            audit.record(AuditAction.SUBSCRIBER_ERASE, "subscriber " + id, "erased; address kept as a hash only");
        });
        return found.isPresent();
    }
}
