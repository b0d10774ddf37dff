package io.twinline.invitation.rest;

import io.twinline.invitation.service.InvitationService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Called by connection-service inside the cluster, never by partners: the Kubernetes network policy admits only
 * connection-service to {@code /internal}.
 */
@Path("/internal/v1")
@Tag(name = "Internal")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalInvitationResource {

    private final InvitationService invitations;

    public InternalInvitationResource(InvitationService invitations) {
        this.invitations = invitations;
    }

    public record MintRequest(@NotNull UUID connectionId, @NotBlank String connectionName, @NotBlank String initiatorName,
                              @Min(1) @Max(31_536_000) Long lifetimeSeconds) {
    }

    public record MintResponse(UUID invitationId, String code, Instant expiresAt) {
    }

    @POST
    @Path("/invitations")
    @Operation(summary = "Mint a code for a pending connection; revokes the codes it had before")
    public Response mint(@NotNull @Valid MintRequest request) {
        InvitationService.MintedInvitation minted = invitations.mint(new InvitationService.MintCommand(request.connectionId(),
                request.connectionName(), request.initiatorName(),
                request.lifetimeSeconds() == null ? null : Duration.ofSeconds(request.lifetimeSeconds())));
        return Response.status(Response.Status.CREATED)
                .entity(new MintResponse(minted.invitationId(), minted.code(), minted.expiresAt())).build();
    }

    @POST
    @Path("/connections/{connectionId}/invitations/revoke")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Revoke every open code of a connection")
    public Response revoke(@PathParam("connectionId") UUID connectionId) {
        invitations.revokeOpen(connectionId);
        return Response.noContent().build();
    }
}
