package org.sundaydigest.editor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;

/** Editors' passwords, for the login form and HTTP Basic, checked through {@link SignIn} (throttled). */
@ApplicationScoped
class PasswordIdentities implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Inject
    SignIn signIn;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return CookieIdentities.PRIORITY;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> signIn.withPassword(request.getUsername(), request.getPassword().getPassword(),
                HttpSecurityUtils.getRoutingContextAttribute(request)));
    }
}
