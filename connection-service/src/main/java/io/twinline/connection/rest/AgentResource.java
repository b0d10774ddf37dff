package io.twinline.connection.rest;

import io.twinline.connection.entity.Connection;
import io.twinline.connection.service.AgentAuthService;
import io.twinline.connection.service.AgentReportService;
import io.twinline.connection.service.ReplicaEdgeService;
import io.twinline.core.model.Side;
import io.twinline.core.operations.SyncInstructions;
import io.twinline.core.operations.SyncReport;
import jakarta.validation.constraints.NotNull;
import io.twinline.core.replica.ReplicaEnvelope;
import jakarta.ws.rs.core.Response;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.quarkus.security.identity.SecurityIdentity;
import io.twinline.connection.security.AgentPrincipal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

/** The agent edge: what a partner's agent calls, always initiated from the partner's side. */
@Path("/api/v1/connections/{id}/agent")
@Tag(name = "Agent edge")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    private final AgentAuthService auth;
    private final ReplicaEdgeService replicas;
    private final AgentReportService reports;
    private final SecurityIdentity identity;

    public AgentResource(AgentAuthService auth, ReplicaEdgeService replicas, AgentReportService reports, SecurityIdentity identity) {
        this.auth = auth;
        this.replicas = replicas;
        this.reports = reports;
        this.identity = identity;
    }

    @POST
    @Path("/sync-report")
    @RolesAllowed(AgentAuthService.AGENT_ROLE)
    @SecurityRequirement(name = "agentToken")
    @Operation(summary = "The private agent reports its twins, errors and progress; answers with the connection's status "
            + "and the commands waiting for it")
    public SyncInstructions report(@PathParam("id") UUID id, @NotNull SyncReport report) {
        auth.authorize(AgentPrincipal.of(identity), id);
        return reports.exchange(id, Side.PRIVATE, report);
    }

    public record ReplicaReceipt(String twinId, long version, String kind) {
    }

    @POST
    @Path("/replicas")
    @RolesAllowed(AgentAuthService.AGENT_ROLE)
    @SecurityRequirement(name = "agentToken")
    @Operation(summary = "The private agent sends one replica envelope; 202 once it is stored for the public side")
    public Response replica(@PathParam("id") UUID id, String envelope) {
        ReplicaEnvelope accepted = replicas.accept(AgentPrincipal.of(identity), id, envelope);
        return Response.accepted(new ReplicaReceipt(accepted.twinId(), accepted.version(), accepted.kind().name())).build();
    }

    public record HeartbeatRequest(@Size(max = 64) String version) {
    }

    /** {@code rotateCredentials}: an operator asked for new credentials; fetch them from {@code /agent/credentials}. */
    public record HeartbeatResponse(UUID connectionId, String connectionName, String status, Instant lastSeenAt,
                                    boolean rotateCredentials) {
    }

    @POST
    @Path("/heartbeat")
    @RolesAllowed(AgentAuthService.AGENT_ROLE)
    @SecurityRequirement(name = "agentToken")
    @Operation(summary = "The agent reports that it is alive; answers with the connection's status")
    public HeartbeatResponse heartbeat(@PathParam("id") UUID id, @Valid HeartbeatRequest request) {
        AgentAuthService.Heartbeat beat = auth.heartbeat(AgentPrincipal.of(identity), id, request == null ? null : request.version());
        Connection connection = beat.connection();
        return new HeartbeatResponse(connection.id, connection.name, connection.status.name(), connection.agentLastSeenAt,
                beat.rotateCredentials());
    }

    @POST
    @Path("/credentials")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(AgentAuthService.AGENT_ROLE)
    @SecurityRequirement(name = "agentToken")
    @Operation(summary = "After an operator asked for a rotation: the agent's next secret, shown once",
            description = "The agent stores it and gets its next token with it; from then on the old secret is refused.")
    public AgentAuthService.RotatedSecret credentials(@PathParam("id") UUID id) {
        return auth.nextSecret(AgentPrincipal.of(identity), id);
    }
}
