package io.twinline.agent.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** connection-service's internal rules API, read by the PUBLIC agent inside the public network with the service credential. */
@Path("/internal/v1/connections/{id}/rules")
@Produces(MediaType.APPLICATION_JSON)
public interface ConnectionRulesApi {

    record Rules(String direction, long version, String script) {
    }

    @GET
    @Path("/{direction}")
    Rules current(@PathParam("id") UUID connectionId, @PathParam("direction") String direction);
}
