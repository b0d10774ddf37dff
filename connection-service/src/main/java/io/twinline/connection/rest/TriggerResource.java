package io.twinline.connection.rest;

import io.twinline.connection.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.twinline.connection.entity.BulkSync;
import io.twinline.connection.entity.SyncTrigger;
import io.twinline.connection.service.TriggerService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Operators' API for the public side's triggers and their bulk syncs. */
@Path("/api/v1/connections/{id}/triggers")
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "Triggers")
@Produces(MediaType.APPLICATION_JSON)
public class TriggerResource {

    private final TriggerService triggers;

    public TriggerResource(TriggerService triggers) {
        this.triggers = triggers;
    }

    public record TriggerRequest(@NotBlank @Size(max = 2000) String query, @Size(max = 500) String description) {
    }

    public record TriggerView(UUID id, UUID connectionId, String query, String description, Instant createdAt) {
        static TriggerView of(SyncTrigger t) {
            return new TriggerView(t.id, t.connectionId, t.query, t.description, t.createdAt);
        }
    }

    /** {@code total} is null until the agent has run the trigger's query. */
    public record BulkSyncView(UUID id, UUID triggerId, String state, int done, Integer total, String error,
                               Instant requestedAt, Instant updatedAt) {
        static BulkSyncView of(BulkSync b) {
            return new BulkSyncView(b.id, b.triggerId, b.state.name(), b.done, b.total, b.error, b.requestedAt, b.updatedAt);
        }
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "The public side's triggers")
    public List<TriggerView> list(@PathParam("id") UUID id) {
        return triggers.list(id).stream().map(TriggerView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a trigger",
            description = "A query in the public tracker's own search language (Freshdesk ticket filter query, e.g. "
                    + "\"tag:'sync'\"); tickets matching it come under sync when they are created or updated.")
    public Response create(@PathParam("id") UUID id, @NotNull @Valid TriggerRequest request, @Context UriInfo uri) {
        SyncTrigger trigger = triggers.create(id, request.query(), request.description());
        return Response.created(uri.getAbsolutePathBuilder().path(trigger.id.toString()).build()).entity(TriggerView.of(trigger)).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Path("/{tid}")
    @Operation(summary = "One trigger")
    public TriggerView get(@PathParam("id") UUID id, @PathParam("tid") UUID triggerId) {
        return TriggerView.of(triggers.get(id, triggerId));
    }

    @DELETE
    @Path("/{tid}")
    @Operation(summary = "Delete a trigger; tickets it brought under sync stay under sync")
    public Response delete(@PathParam("id") UUID id, @PathParam("tid") UUID triggerId) {
        triggers.delete(id, triggerId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{tid}/bulk-sync")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Bring every current match of the trigger under sync",
            description = "Answers 202 at once; the public agent runs the query and syncs each match. Progress (done / total) "
                    + "is readable at GET …/bulk-sync while it runs.")
    public Response bulkSync(@PathParam("id") UUID id, @PathParam("tid") UUID triggerId) {
        return Response.accepted(BulkSyncView.of(triggers.requestBulkSync(id, triggerId))).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Path("/{tid}/bulk-sync")
    @Operation(summary = "The progress of the trigger's latest bulk sync")
    public BulkSyncView bulkSyncProgress(@PathParam("id") UUID id, @PathParam("tid") UUID triggerId) {
        return BulkSyncView.of(triggers.latestBulkSync(id, triggerId));
    }
}
