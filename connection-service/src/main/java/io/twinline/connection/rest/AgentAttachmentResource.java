package io.twinline.connection.rest;

import io.twinline.connection.service.AgentAuthService;
import io.twinline.connection.service.AttachmentStoreService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.quarkus.security.identity.SecurityIdentity;
import io.twinline.connection.security.AgentPrincipal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.UUID;

/** The agent edge's attachment store: the private agent uploads and downloads attachment bytes by their SHA-256. */
@Path("/api/v1/connections/{id}/agent/attachments/{sha256}")
@Tag(name = "Agent edge")
public class AgentAttachmentResource {

    private final AttachmentStoreService attachments;
    private final SecurityIdentity identity;

    public AgentAttachmentResource(AttachmentStoreService attachments, SecurityIdentity identity) {
        this.attachments = attachments;
        this.identity = identity;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(AgentAuthService.AGENT_ROLE)
    @SecurityRequirement(name = "agentToken")
    @Operation(summary = "Stores an attachment's bytes under their SHA-256: 201 when stored, 200 when already there, "
            + "422 ATTACHMENT_HASH_MISMATCH when the content has another hash, 413 ATTACHMENT_TOO_LARGE")
    public Response put(@PathParam("id") UUID id, @PathParam("sha256") String sha256, InputStream body) {
        return AttachmentAnswers.stored(attachments.storeForAgent(AgentPrincipal.of(identity), id, sha256, body));
    }

    @GET
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @RolesAllowed(AgentAuthService.AGENT_ROLE)
    @SecurityRequirement(name = "agentToken")
    @Operation(summary = "An attachment's bytes by their SHA-256; 404 ATTACHMENT_NOT_FOUND when the store has none")
    public Response get(@PathParam("id") UUID id, @PathParam("sha256") String sha256) {
        return AttachmentAnswers.content(attachments.readForAgent(AgentPrincipal.of(identity), id, sha256), sha256);
    }
}
