package org.sundaydigest.audit;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.sundaydigest.web.ClientAddress;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Writes the audit log. A change is recorded inside the transaction that makes it ({@link #record}), so that the entry
 * and the change are committed or rolled back together; the account and client address are the current request's, or
 * "system" for the schedule.
 */
@ApplicationScoped
public class Audit {

    /** The account named for what the service does on its own (the schedule, retention). */
    public static final String SYSTEM = "system";

    @Inject
    Clock clock;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    CurrentVertxRequest request;

    /** Records the change in the caller's transaction, which must exist. */
    @Transactional(TxType.MANDATORY)
    public void record(AuditAction action, String target, String detail) {
        write(currentAccount(), action, target, detail);
    }

    /** Records an act that changes no row but is worth knowing (an export of the list), in a transaction of its own. */
    @Transactional(TxType.REQUIRES_NEW)
    public void recordAlone(AuditAction action, String target, String detail) {
        write(currentAccount(), action, target, detail);
    }

    /**
     * Records what happened for an account not signed in yet (a sign-in), from this client address, in a transaction of
     * its own; the address is given, since a sign-in is checked before the request's context is at hand.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void recordFor(String account, String client, AuditAction action, String target, String detail) {
        AuditEntry.of(clock.instant(), account, client, action, target, detail).persist();
    }

    private void write(String account, AuditAction action, String target, String detail) {
        AuditEntry.of(clock.instant(), account, client(), action, target, detail).persist();
    }

    private String currentAccount() {
        if (!Arc.container().requestContext().isActive()) {
            return SYSTEM;
        }
        SecurityIdentity identity = identities.getIdentity();
        return identity == null || identity.isAnonymous() ? SYSTEM : identity.getPrincipal().getName();
    }

    private String client() {
        if (!Arc.container().requestContext().isActive() || request.getCurrent() == null) {
            return null;
        }
        return ClientAddress.of(request.getCurrent());
    }
}
