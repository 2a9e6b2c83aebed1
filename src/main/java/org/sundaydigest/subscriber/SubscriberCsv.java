package org.sundaydigest.subscriber;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.sundaydigest.audit.Audit;
import org.sundaydigest.audit.AuditAction;
import org.sundaydigest.common.Roles;
import org.sundaydigest.web.CsvDownload;

/** {@code GET /api/subscribers.csv}: the whole list, for backups, a move elsewhere or the publisher's own analysis. */
@Path("/api/subscribers.csv")
@RolesAllowed(Roles.EDITOR)
class SubscriberCsv {

    @Inject
    Audit audit;

    @GET
    public Response export() {
        audit.recordAlone(AuditAction.SUBSCRIBERS_EXPORT, "subscribers.csv", "every subscriber");
        return CsvDownload.of("subscribers.csv", SubscriberExport::write);
    }
}
