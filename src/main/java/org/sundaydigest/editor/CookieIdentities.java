package org.sundaydigest.editor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;

/** The editor a login cookie names, let in only while their desk session is open ({@link SignIn}). */
@ApplicationScoped
class CookieIdentities implements IdentityProvider<TrustedAuthenticationRequest> {

    /** Above the priority of the identity providers Quarkus generates for the {@link Editor} entity (1001). */
    static final int PRIORITY = 2000;

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
        return context.runBlocking(
                () -> signIn.withCookie(request.getPrincipal(), HttpSecurityUtils.getRoutingContextAttribute(request)));
    }
}
