package io.twinline.connection.rest;

import io.twinline.connection.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.twinline.connection.entity.TwinRecord;
import io.twinline.connection.service.TwinService;
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

/** Operators' API for twins: sync one ticket now, list, stop syncing one. */
@Path("/api/v1/connections/{id}/twins")
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "Twins")
@Produces(MediaType.APPLICATION_JSON)
public class TwinResource {

    private final TwinService twins;

    public TwinResource(TwinService twins) {
        this.twins = twins;
    }

    public record SyncRequest(@NotBlank @Size(max = 128) String localKey) {
    }

    public record SideView(String key, String state, Instant lastSyncAt) {
    }

    public record TwinView(String twinId, String state, String publicKey, String privateKey, SideView publicSide,
                           SideView privateSide, Instant requestedAt, String error) {
        static TwinView of(TwinRecord t) {
            return new TwinView(t.twinId, t.state(), t.publicKey, t.privateKey,
                    new SideView(t.publicKey, t.publicState, t.publicSyncedAt),
                    new SideView(t.privateKey, t.privateState, t.privateSyncedAt), t.requestedAt, t.error);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sync one public ticket now",
            description = "localKey is the ticket's key in the public tracker. 202 with the new twin (state REQUESTED) while "
                    + "the public agent brings it under sync; 200 with the existing twin when the ticket is under sync already.")
    public Response sync(@PathParam("id") UUID id, @NotNull @Valid SyncRequest request, @Context UriInfo uri) {
        TwinService.SyncRequest requested = twins.syncNow(id, request.localKey());
        TwinView view = TwinView.of(requested.twin());
        if (!requested.created()) {
            return Response.ok(view).build();
        }
        return Response.accepted(view).location(uri.getAbsolutePathBuilder().path(view.twinId()).build()).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "The connection's twins: both keys, each side's last sync and state")
    public List<TwinView> list(@PathParam("id") UUID id) {
        return twins.list(id).stream().map(TwinView::of).toList();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Path("/{twinId}")
    @Operation(summary = "One twin")
    public TwinView get(@PathParam("id") UUID id, @PathParam("twinId") String twinId) {
        return TwinView.of(twins.get(id, twinId));
    }

    @DELETE
    @Path("/{twinId}")
    @Operation(summary = "Stop syncing a twin",
            description = "202: the public agent stops syncing it and tells the private side; both tickets stay. The twin's "
                    + "state goes UNSYNCING, then UNSYNCED once both sides have reported it.")
    public Response unsync(@PathParam("id") UUID id, @PathParam("twinId") String twinId) {
        return Response.accepted(TwinView.of(twins.unsync(id, twinId))).build();
    }
}
