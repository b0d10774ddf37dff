package io.twinline.connection.rest;

import io.twinline.connection.service.AttachmentStoreService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.util.UUID;

/**
 * The same attachment store for the public agent, which runs inside the public network and has no agent credentials.
 * Internal: the ingress does not publish {@code /internal}, so only workloads inside the cluster reach it.
 */
@Path("/internal/v1/connections/{id}/attachments/{sha256}")
@Tag(name = "Internal")
public class InternalAttachmentResource {

    private final AttachmentStoreService attachments;

    public InternalAttachmentResource(AttachmentStoreService attachments) {
        this.attachments = attachments;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public agent: stores an attachment's bytes under their SHA-256 (as the agent edge does)")
    public Response put(@PathParam("id") UUID id, @PathParam("sha256") String sha256, InputStream body) {
        return AttachmentAnswers.stored(attachments.store(id, sha256, body));
    }

    @GET
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(summary = "Public agent: an attachment's bytes by their SHA-256")
    public Response get(@PathParam("id") UUID id, @PathParam("sha256") String sha256) {
        return AttachmentAnswers.content(attachments.read(id, sha256), sha256);
    }
}
