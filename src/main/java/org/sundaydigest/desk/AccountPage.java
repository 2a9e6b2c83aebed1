package org.sundaydigest.desk;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

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
import org.sundaydigest.editor.Accounts;
import org.sundaydigest.editor.EditorCsrf;
import org.sundaydigest.editor.EditorSession;
import org.sundaydigest.editor.MyAccount;
import org.sundaydigest.web.ProblemException;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * "My account", for every account, also one that must still turn on its second factor: its password, its second factor
 * (a QR code, a code to confirm, recovery codes shown once) and its API tokens (shown once).
 */
@Path("/editor/account")
@Produces(MediaType.TEXT_HTML)
@Authenticated
class AccountPage {

    /** What one answer shows besides the account: a secret being turned on, codes or a token shown once. */
    record Shown(MyAccount.Enrolment enrolment, List<String> recoveryCodes, String newToken, String error,
            String done) {
        static final Shown NOTHING = new Shown(null, null, null, null, null);
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(DeskViews.Desk desk, MyAccount.Overview account, boolean required,
                Shown shown);
    }

    @Inject
    EditorSession session;

    @Inject
    MyAccount myAccount;

    @Inject
    Accounts accounts;

    @GET
    public TemplateInstance account(@QueryParam("required") String required) {
        return page(required != null, Shown.NOTHING);
    }

    @POST
    @Path("password")
    public Response password(@RestForm(EditorCsrf.FIELD) String csrf, @RestForm String current,
            @RestForm String password) {
        session.requireCsrf(csrf);
        return signedOutAfter(() -> accounts.changePassword(session.user(), current, password));
    }

    @POST
    @Path("second-factor")
    public Response begin(@RestForm(EditorCsrf.FIELD) String csrf) {
        session.requireCsrf(csrf);
        return show(() -> new Shown(myAccount.beginSecondFactor(session.user()), null, null, null, null));
    }

    @POST
    @Path("second-factor/confirm")
    public Response confirm(@RestForm(EditorCsrf.FIELD) String csrf, @RestForm String code) {
        session.requireCsrf(csrf);
        return show(() -> new Shown(null, myAccount.turnOnSecondFactor(session.user(), code), null, null,
                "The second factor is on. Keep these recovery codes somewhere safe; each works once. Sign in again"
                        + " with a code from your app."));
    }

    @POST
    @Path("second-factor/off")
    public Response off(@RestForm(EditorCsrf.FIELD) String csrf, @RestForm String password) {
        session.requireCsrf(csrf);
        return signedOutAfter(() -> myAccount.turnOffSecondFactor(session.user(), password));
    }

    @POST
    @Path("recovery-codes")
    public Response recoveryCodes(@RestForm(EditorCsrf.FIELD) String csrf, @RestForm String password) {
        session.requireCsrf(csrf);
        return show(() -> new Shown(null, myAccount.replaceRecoveryCodes(session.user(), password), null, null,
                "New recovery codes; the old ones no longer work."));
    }

    @POST
    @Path("tokens")
    public Response newToken(@RestForm(EditorCsrf.FIELD) String csrf, @RestForm String label,
            @RestForm String password) {
        session.requireCsrf(csrf);
        return show(() -> new Shown(null, null, myAccount.newApiToken(session.user(), label, password), null,
                "A new API token: copy it now, it is not shown again."));
    }

    @POST
    @Path("tokens/{id}/revoke")
    public Response revoke(@PathParam("id") long id, @RestForm(EditorCsrf.FIELD) String csrf) {
        session.requireCsrf(csrf);
        return show(() -> {
            myAccount.revokeApiToken(session.user(), id);
            return new Shown(null, null, null, null, "The token is revoked.");
        });
    }

    /** Changes that end every session of the account, this one included: the next page is the login. */
    private Response signedOutAfter(Runnable change) {
        try {
            change.run();
            return Response.seeOther(URI.create("/editor/login?signedOut=true")).build();
        } catch (ProblemException refused) {
            return refusal(refused);
        }
    }

    private Response show(Supplier<Shown> change) {
        try {
            return Response.ok(page(false, change.get())).header("Cache-Control", "no-store").build();
        } catch (ProblemException refused) {
            return refusal(refused);
        }
    }

    private Response refusal(ProblemException refused) {
        return Response.status(refused.problem().status())
                .entity(page(false, new Shown(null, null, null, refused.problem().detail(), null))).build();
    }

    private TemplateInstance page(boolean required, Shown shown) {
        MyAccount.Overview account = myAccount.overview(session.user());
        return Templates.account(DeskViews.desk(session, "account"), account,
                required || account.secondFactorRequired() && !account.secondFactor(), shown);
    }
}
