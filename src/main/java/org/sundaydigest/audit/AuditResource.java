package org.sundaydigest.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.sundaydigest.common.Roles;
import org.sundaydigest.web.QueryParams;

/** {@code GET /api/audit}: the audit log for admins, newest first, by account, action and date. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
class AuditResource {

    @Inject
    AuditLog log;

    @GET
    public AuditLog.Items list(@QueryParam("page") String page, @QueryParam("size") String size,
            @QueryParam("editor") String editor, @QueryParam("action") String action, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return log.page(AuditQuery.filter(editor, action, from, to), QueryParams.intParam("page", page, 0, 0, 100_000),
                QueryParams.intParam("size", size, 50, 1, 500));
    }
}
