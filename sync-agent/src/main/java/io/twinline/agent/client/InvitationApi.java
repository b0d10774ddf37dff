package io.twinline.agent.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** invitation-service as the agent reaches it; the base URL comes from the invitation code. */
@Path("/api/v1/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface InvitationApi {

    record AgentIntroduction(String shortName, String version, String trackerType) {
    }

    record RedeemRequest(String code, AgentIntroduction agent) {
    }

    record Credentials(String agentId, String agentSecret) {
    }

    record Endpoints(String connectionApi, String invitationApi) {
    }

    record RedeemResponse(UUID connectionId, String connectionName, String initiatorName, Credentials credentials,
                          Endpoints endpoints) {
    }

    @POST
    @Path("/redeem")
    RedeemResponse redeem(RedeemRequest request);
}
