package org.sundaydigest.web;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.sundaydigest.common.Roles;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * What an account is told when its role does not allow a request: a problem naming the account and its role on the API,
 * a short page on the desk; an account that must first turn on its second factor is sent to its own page.
 */
class RoleRefusal {

    /** Where an account turns on its second factor. */
    static final String ACCOUNT_PAGE = "/editor/account";

    @Inject
    CurrentIdentityAssociation identities;

    @ServerExceptionMapper(priority = 1)
    Response forbidden(ForbiddenException e, UriInfo uri) {
        SecurityIdentity identity = identities.getIdentity();
        boolean mustEnrol = identity != null && Boolean.TRUE.equals(identity.getAttribute(Roles.SECOND_FACTOR_MISSING));
        boolean desk = uri.getPath().startsWith("/editor");
        if (mustEnrol && desk) {
            return Response.seeOther(URI.create(ACCOUNT_PAGE + "?required=true")).build();
        }
        String who = identity == null || identity.isAnonymous() ? "This request"
                : "The account '" + identity.getPrincipal().getName() + "'";
        String why = mustEnrol ? who + " must turn on a second factor first, at " + ACCOUNT_PAGE + "."
                : who + (identity == null || identity.getRoles().isEmpty() ? ""
                        : " (" + String.join(", ", identity.getRoles().stream().sorted().toList()) + ")")
                        + " may not do this; ask an admin for a role that may.";
        if (desk) {
            return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).entity(why).build();
        }
        return ProblemMappers.respond(Problem.of(403, "Forbidden", why));
    }
}
