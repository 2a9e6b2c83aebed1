package org.sundaydigest.editor;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.sundaydigest.common.Roles;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/** {@code /api/editors}: the team's accounts for admins, and each account's own password. */
@Path("/api/editors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
class EditorResource {

    record NewAccount(String username, String password, String role) {
    }

    record AccountChange(String role, Boolean disabled) {
    }

    record PasswordChange(String current, String password) {
    }

    @Inject
    Accounts accounts;

    @Inject
    SecurityIdentity identity;

    @GET
    public List<Accounts.Account> list() {
        return accounts.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull NewAccount body) {
        Accounts.Account account = accounts.create(body.username(), body.password(), body.role());
        return Response.created(URI.create("/api/editors/" + account.username())).entity(account).build();
    }

    /** Any signed-in account's own password, also one that must still turn on its second factor. */
    @PUT
    @Path("me/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    public Response changePassword(@Valid @NotNull PasswordChange body) {
        accounts.changePassword(identity.getPrincipal().getName(), body.current(), body.password());
        return Response.noContent().build();
    }

    @PUT
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Accounts.Account update(@PathParam("username") String username, @Valid @NotNull AccountChange body) {
        return accounts.update(username, body.role(), body.disabled());
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username) {
        accounts.delete(username);
        return Response.noContent().build();
    }
}
