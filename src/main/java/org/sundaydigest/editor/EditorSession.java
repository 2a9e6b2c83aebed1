package org.sundaydigest.editor;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.DigestConfig;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/** The signed-in editor of the current request, and the CSRF token of their forms. */
@RequestScoped
public class EditorSession {

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest vertxRequest;

    @Inject
    EditorCsrf csrf;

    @Inject
    DeskSessions sessions;

    @Inject
    DigestConfig config;

    @Inject
    Audit audit;

    private String browserValue;

    public String user() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    /** Whether the signed-in account's role includes this one. */
    public boolean hasRole(String role) {
        return !identity.isAnonymous() && identity.hasRole(role);
    }

    /** The token every form of the page carries; sets the browser's cookie first if it has none. */
    public String csrfToken() {
        return csrf.tokenFor(user(), browserValue());
    }

    /** Refuses the request (403) unless the form carried this editor's token for this browser. */
    public void requireCsrf(String token) {
        RoutingContext context = vertxRequest.getCurrent();
        Cookie cookie = context.request().getCookie(EditorCsrf.COOKIE);
        if (!csrf.valid(user(), cookie == null ? null : cookie.getValue(), token)) {
            throw new ForbiddenException(Response.status(403).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("This form has expired or did not come from the editors' pages. Go back, reload the page"
                            + " and try again.")
                    .build());
        }
    }

    private String browserValue() {
        if (browserValue == null) {
            RoutingContext context = vertxRequest.getCurrent();
            Cookie cookie = context.request().getCookie(EditorCsrf.COOKIE);
            if (cookie != null && EditorCsrf.wellFormed(cookie.getValue())) {
                browserValue = cookie.getValue();
            } else {
                browserValue = EditorCsrf.newBrowserValue();
                context.response().addCookie(browserCookie(browserValue, context));
            }
        }
        return browserValue;
    }

    /**
     * Ends this browser's desk session on the server, so that a copy of its cookies is refused on every instance, and
     * clears its CSRF value, so that the forms of a signed-out page are dead.
     */
    void signOut() {
        audit.recordAlone(AuditAction.SIGN_OUT, user(), null);
        RoutingContext context = vertxRequest.getCurrent();
        sessions.end(context);
        context.response().addCookie(browserCookie("", context).setMaxAge(0));
    }

    /** Secure whenever the service is reached over https, also behind a proxy that ends TLS, as the session's. */
    private Cookie browserCookie(String value, RoutingContext context) {
        return Cookie.cookie(EditorCsrf.COOKIE, value).setPath("/editor").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(context.request().isSSL() || config.publicUrl().startsWith("https:"));
    }
}
