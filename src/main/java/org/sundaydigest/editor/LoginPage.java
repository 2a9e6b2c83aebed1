package org.sundaydigest.editor;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.sundaydigest.web.TooManyAttempts;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Signing in and out of the editors' pages. {@code POST /editor/login} is answered by Quarkus' form authentication
 * itself (fields {@code username} and {@code password}); this class shows the form and signs out.
 */
@Path("/editor")
@Produces(MediaType.TEXT_HTML)
class LoginPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean error, boolean signedOut, long retryMinutes);
    }

    @Inject
    EditorSession session;

    @GET
    @Path("login")
    public Response login(@QueryParam("error") String error, @QueryParam("signedOut") String signedOut,
            @QueryParam("retryAfter") Long retryAfter) {
        if (retryAfter != null && retryAfter > 0) {
            long seconds = Math.min(retryAfter, SignIn.LIMIT.window().toSeconds());
            return Response.status(429).entity(Templates.login(false, false, TooManyAttempts.minutes(seconds)))
                    .header("Retry-After", seconds).header("Cache-Control", "no-store").build();
        }
        return Response.status(error == null ? 200 : 401).entity(Templates.login(error != null, signedOut != null, 0))
                .header("Cache-Control", "no-store").build();
    }

    /** Ends the desk session on the server, and clears the login, session and CSRF cookies. */
    @POST
    @Path("logout")
    public Response logout(@RestForm(EditorCsrf.FIELD) String csrf) {
        session.requireCsrf(csrf);
        session.signOut();
        return Response.seeOther(URI.create("/editor/login?signedOut=true")).build();
    }
}
