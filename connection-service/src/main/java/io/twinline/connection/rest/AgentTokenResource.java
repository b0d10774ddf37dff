package io.twinline.connection.rest;

import io.twinline.connection.service.AgentAuthService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.core.Context;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where an agent exchanges the credentials it got at redemption for a short-lived access token. */
@Path("/api/v1/agent/token")
@Tag(name = "Agent edge")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AgentTokenResource {

    private final AgentAuthService auth;

    public AgentTokenResource(AgentAuthService auth) {
        this.auth = auth;
    }

    public record TokenRequest(@NotBlank @Size(max = 64) String agentId, @NotBlank @Size(max = 256) String agentSecret) {
    }

    @POST
    @PermitAll
    @Operation(summary = "Exchange the agent's credentials for a short-lived access token scoped to its connection",
            description = "Repeated wrong secrets from one address or for one agent must wait (doubling) and are answered "
                    + "429 with Retry-After.")
    public AgentAuthService.AgentToken token(@NotNull @Valid TokenRequest request, @Context HttpServerRequest http) {
        return auth.issueToken(http.remoteAddress().host(), request.agentId(), request.agentSecret());
    }
}
