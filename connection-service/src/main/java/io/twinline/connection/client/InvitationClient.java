package io.twinline.connection.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.twinline.core.security.ServiceCredential;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.UUID;

/** invitation-service's internal API, called with invitation-service's service credential. */
@RegisterRestClient(configKey = "invitation-service")
@ClientHeaderParam(name = ServiceCredential.HEADER, value = "${twinline.connection.invitation-service-token}", required = false)
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface InvitationClient {

    record MintRequest(UUID connectionId, String connectionName, String initiatorName, Long lifetimeSeconds) {
    }

    record MintedInvitation(UUID invitationId, String code, Instant expiresAt) {
    }

    @POST
    @Path("/invitations")
    MintedInvitation mint(MintRequest request);

    @POST
    @Path("/connections/{connectionId}/invitations/revoke")
    void revoke(@PathParam("connectionId") UUID connectionId);
}
