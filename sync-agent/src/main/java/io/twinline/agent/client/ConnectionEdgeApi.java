package io.twinline.agent.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.UUID;

/** connection-service's agent edge; the base URL comes from the enrollment. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ConnectionEdgeApi {

    record TokenRequest(String agentId, String agentSecret) {
    }

    /** The access token, and how this agent reaches its to-private topic (partner listener, SCRAM identity, CA). */
    record AgentToken(String accessToken, String tokenType, long expiresIn, UUID connectionId, io.twinline.core.sync.KafkaAccess kafka) {
    }

    record HeartbeatRequest(String version) {
    }

    /** {@code rotateCredentials}: an operator asked for new credentials, to be fetched from {@code agent/credentials}. */
    record HeartbeatResponse(UUID connectionId, String connectionName, String status, Instant lastSeenAt,
                             boolean rotateCredentials) {
    }

    record RotatedSecret(String agentId, String agentSecret) {
    }

    record ReplicaReceipt(String twinId, long version, String kind) {
    }

    @POST
    @Path("/connections/{id}/agent/replicas")
    ReplicaReceipt replica(@PathParam("id") UUID connectionId, @HeaderParam("Authorization") String authorization,
                           String envelope);

    /** Stores an attachment's bytes under their SHA-256 (64 hex digits); connection-service checks the hash. */
    @PUT
    @Path("/connections/{id}/agent/attachments/{sha256}")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    void putAttachment(@PathParam("id") UUID connectionId, @PathParam("sha256") String sha256,
                       @HeaderParam("Authorization") String authorization, byte[] content);

    @GET
    @Path("/connections/{id}/agent/attachments/{sha256}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    byte[] attachment(@PathParam("id") UUID connectionId, @PathParam("sha256") String sha256,
                      @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/connections/{id}/agent/credentials")
    RotatedSecret nextCredentials(@PathParam("id") UUID connectionId, @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/agent/token")
    AgentToken token(TokenRequest request);

    @POST
    @Path("/connections/{id}/agent/heartbeat")
    HeartbeatResponse heartbeat(@PathParam("id") UUID connectionId, @HeaderParam("Authorization") String authorization,
                                HeartbeatRequest request);

    @POST
    @Path("/connections/{id}/agent/sync-report")
    io.twinline.core.operations.SyncInstructions syncReport(@PathParam("id") UUID connectionId,
                                                            @HeaderParam("Authorization") String authorization,
                                                            io.twinline.core.operations.SyncReport report);
}
