package io.twinline.agent.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * connection-service's attachment store as the PUBLIC agent reaches it inside the public network (no agent
 * credentials there; the ingress does not publish {@code /internal}).
 */
@Path("/internal/v1/connections/{id}/attachments/{sha256}")
public interface InternalAttachmentApi {

    @PUT
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    void put(@PathParam("id") UUID connectionId, @PathParam("sha256") String sha256, byte[] content);

    @GET
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    byte[] get(@PathParam("id") UUID connectionId, @PathParam("sha256") String sha256);
}
