package io.twinline.connection.rest;

import io.twinline.connection.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.twinline.connection.entity.SyncError;
import io.twinline.connection.service.SyncErrorService;
import io.twinline.connection.service.SyncQueueService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Operators' API for the sync queue and the sync errors of a connection. */
@Path("/api/v1/connections/{id}")
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "Sync queue and errors")
@Produces(MediaType.APPLICATION_JSON)
public class SyncQueueResource {

    private final SyncQueueService queue;
    private final SyncErrorService errors;

    public SyncQueueResource(SyncQueueService queue, SyncErrorService errors) {
        this.queue = queue;
        this.errors = errors;
    }

    public record ErrorView(UUID id, String twinId, String side, String message, String direction, Integer line, int attempts,
                            Instant parkedAt, Instant retryRequestedAt) {
        static ErrorView of(SyncError e) {
            return new ErrorView(e.id, e.twinId, e.side.name(), e.message, e.direction, e.line, e.attempts, e.parkedAt,
                    e.retryRequestedAt);
        }
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Path("/queue")
    @Operation(summary = "Pending sync events per direction",
            description = "toPrivate / toPublic: events the receiving agent has not applied yet (pending), replicas it parked, "
                    + "and whether it applies (false while the connection is deactivated: events wait and are applied in order "
                    + "on activation).")
    public SyncQueueService.Queue queue(@PathParam("id") UUID id) {
        return queue.queue(id);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Path("/errors")
    @Operation(summary = "Sync errors: parked replicas with the twin, message, rules direction, line and attempts")
    public List<ErrorView> errors(@PathParam("id") UUID id) {
        return errors.list(id).stream().map(ErrorView::of).toList();
    }

    @POST
    @Path("/errors/{eid}/retry")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Try a parked replica again now",
            description = "202: the agent of the error's side retries the twin's parked replicas, oldest first; the error "
                    + "disappears once applied, or shows one more attempt.")
    public Response retry(@PathParam("id") UUID id, @PathParam("eid") UUID errorId) {
        return Response.accepted(ErrorView.of(errors.retry(id, errorId))).build();
    }
}
