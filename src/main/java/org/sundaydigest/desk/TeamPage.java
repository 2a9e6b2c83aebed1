package org.sundaydigest.desk;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.sundaydigest.common.Roles;
import org.sundaydigest.editor.Accounts;
import org.sundaydigest.editor.EditorCsrf;
import org.sundaydigest.editor.EditorSession;
import org.sundaydigest.web.ProblemException;
import org.sundaydigest.web.QueryParams;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** "Team", for admins: the accounts, and forms to add one, change its role, disable or enable it, and delete it. */
@Path("/editor/team")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ADMIN)
class TeamPage {

    /** What the add form had typed, kept when it comes back with an error; never the password. */
    record Typed(String username, String role) {
        static final Typed EMPTY = new Typed("", Roles.EDITOR);
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance team(DeskViews.Desk desk, List<Accounts.Account> accounts, List<String> roles,
                Typed typed, String error, String done);
    }

    @Inject
    EditorSession session;

    @Inject
    Accounts accounts;

    @GET
    public TemplateInstance team(@QueryParam("done") String done) {
        return page(Typed.EMPTY, null, done);
    }

    @POST
    public Response add(@RestForm(EditorCsrf.FIELD) String csrf, @RestForm String username, @RestForm String password,
            @RestForm String role) {
        session.requireCsrf(csrf);
        return answer(() -> accounts.create(username, password, role), new Typed(username, role),
                "Added " + username + ".");
    }

    @POST
    @Path("{username}")
    public Response change(@PathParam("username") String username, @RestForm(EditorCsrf.FIELD) String csrf,
            @RestForm String role, @RestForm String disabled) {
        session.requireCsrf(csrf);
        return answer(
                () -> accounts.update(username, role == null || role.isBlank() ? null : role,
                        disabled == null || disabled.isBlank() ? null : QueryParams.boolParam("disabled", disabled)),
                Typed.EMPTY, "Changed " + username + ".");
    }

    @POST
    @Path("{username}/delete")
    public Response delete(@PathParam("username") String username, @RestForm(EditorCsrf.FIELD) String csrf) {
        session.requireCsrf(csrf);
        return answer(() -> {
            accounts.delete(username);
            return null;
        }, Typed.EMPTY, "Deleted " + username + ".");
    }

    private Response answer(java.util.function.Supplier<Object> change, Typed typed, String done) {
        try {
            change.get();
            return Response.seeOther(URI.create(
                    "/editor/team?done=" + java.net.URLEncoder.encode(done, java.nio.charset.StandardCharsets.UTF_8)))
                    .build();
        } catch (ProblemException refused) {
            return Response.status(refused.problem().status()).entity(page(typed, refused.problem().detail(), null))
                    .build();
        }
    }

    private TemplateInstance page(Typed typed, String error, String done) {
        return Templates.team(DeskViews.desk(session, "team"), accounts.list(), Roles.ALL, typed, error, done);
    }
}
