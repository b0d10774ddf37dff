package io.twinline.invitation.rest;

import io.twinline.invitation.service.InvitationService;
import io.twinline.invitation.service.RedemptionGate;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Where a partner's agent redeems its invitation code, once. */
@Path("/api/v1/invitations")
@Tag(name = "Invitations")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RedemptionResource {

    private final RedemptionGate redemptions;

    public RedemptionResource(RedemptionGate redemptions) {
        this.redemptions = redemptions;
    }

    public record AgentIntroduction(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,31}", message = "2 to 32 lower-case letters, digits or '-', starting with a letter") String shortName,
            @NotBlank @Size(max = 64) String version,
            @NotBlank @Pattern(regexp = "FRESHDESK|JIRA", message = "must be FRESHDESK or JIRA") String trackerType) {
    }

    public record RedeemRequest(@NotBlank @Size(max = 4096) String code, @NotNull @Valid AgentIntroduction agent) {
    }

    public record Credentials(String agentId, String agentSecret) {
    }

    public record Endpoints(String connectionApi, String invitationApi) {
    }

    public record RedeemResponse(UUID connectionId, String connectionName, String initiatorName, Credentials credentials,
                                 Endpoints endpoints) {
    }

    @POST
    @Path("/redeem")
    @Operation(summary = "Redeem an invitation code",
            description = "Checks the code (well formed, known, unaltered, not revoked, not used, not expired) and returns the "
                    + "agent's per-connection credentials. They are shown only in this answer: the service keeps their hash. "
                    + "An address that keeps presenting wrong codes must wait (doubling) and is answered 429 with Retry-After.")
    public RedeemResponse redeem(@NotNull @Valid RedeemRequest request, @Context HttpServerRequest http) {
        AgentIntroduction agent = request.agent();
        InvitationService.Redemption r = redemptions.redeem(http.remoteAddress().host(), request.code(),
                new InvitationService.AgentIntroduction(agent.shortName(), agent.version(), agent.trackerType()));
        return new RedeemResponse(r.connectionId(), r.connectionName(), r.initiatorName(),
                new Credentials(r.agentId(), r.agentSecret()),
                new Endpoints(r.endpoints().connectionApi(), r.endpoints().invitationApi()));
    }
}
