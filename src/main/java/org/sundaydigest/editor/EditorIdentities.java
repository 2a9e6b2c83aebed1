package org.sundaydigest.editor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;

/**
 * The editors' identities, ahead of the ones Quarkus would derive from the {@link Editor} entity alone: passwords are
 * checked through {@link SignIn} (throttled), and a login cookie only counts with an open desk session.
 */
final class EditorIdentities {

    /** Above the priority of the identity providers Quarkus generates for the entity. */
    static final int PRIORITY = 1000;

    private EditorIdentities() {
    }

    @ApplicationScoped
    static class Passwords implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        @Inject
        SignIn signIn;

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public int priority() {
            return PRIORITY;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                AuthenticationRequestContext context) {
            return context.runBlocking(() -> signIn.withPassword(request.getUsername(),
                    request.getPassword().getPassword(), HttpSecurityUtils.getRoutingContextAttribute(request)));
        }
    }

    @ApplicationScoped
    static class Cookies implements IdentityProvider<TrustedAuthenticationRequest> {

        @Inject
        SignIn signIn;

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public int priority() {
            return PRIORITY;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                AuthenticationRequestContext context) {
            return context.runBlocking(() -> signIn.withCookie(request.getPrincipal(),
                    HttpSecurityUtils.getRoutingContextAttribute(request)));
        }
    }
}
