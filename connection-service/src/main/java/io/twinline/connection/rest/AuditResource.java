package io.twinline.connection.rest;

import io.twinline.connection.entity.AuditAction;
import io.twinline.connection.entity.AuditEntry;
import io.twinline.connection.security.Roles;
import io.twinline.connection.service.AuditService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The audit log of operators' changes, newest first. */
@Path("/api/v1/audit")
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    public record AuditView(UUID id, Instant occurredAt, String actor, AuditAction action, UUID connectionId,
                            String subject, String detail) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.id, e.occurredAt, e.actor, e.action, e.connectionId, e.subject, e.detail);
        }
    }

    @GET
    @Operation(summary = "Who changed what, when, on which connection (newest first)")
    public List<AuditView> list(@QueryParam("connectionId") UUID connectionId,
                                @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(AuditService.MAX_PAGE) int limit) {
        return audit.latest(connectionId, limit).stream().map(AuditView::of).toList();
    }
}
