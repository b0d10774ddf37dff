package io.twinline.connection.rest;

import io.twinline.connection.security.Roles;
import io.twinline.connection.service.AgentCredentialService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Operators rotate or revoke the credentials of a connection's agent. */
@Path("/api/v1/connections/{id}/agent-credentials")
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "Connections")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class AgentCredentialResource {

    private final AgentCredentialService credentials;

    public AgentCredentialResource(AgentCredentialService credentials) {
        this.credentials = credentials;
    }

    @POST
    @Path("/rotate")
    @Operation(summary = "Rotate the agent's credentials",
            description = "202: the agent is told on its next heartbeat, fetches a new secret over its authenticated edge "
                    + "and stores it; the old secret stops working once the new one is used. No new invitation is needed.")
    public Response rotate(@PathParam("id") UUID id) {
        return Response.accepted(ConnectionView.of(credentials.rotate(id))).build();
    }

    @POST
    @Path("/revoke")
    @Operation(summary = "Revoke the agent's credentials: the agent stops with that reason; the connection shows it")
    public ConnectionView revoke(@PathParam("id") UUID id) {
        return ConnectionView.of(credentials.revoke(id));
    }
}
