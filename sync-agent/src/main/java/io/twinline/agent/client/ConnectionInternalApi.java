package io.twinline.agent.client;

import io.twinline.core.operations.SyncInstructions;
import io.twinline.core.operations.SyncReport;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** connection-service's internal API, called by the PUBLIC agent inside the public network. */
@Path("/internal/v1/connections/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ConnectionInternalApi {

    @POST
    @Path("/sync-report")
    SyncInstructions syncReport(@PathParam("id") UUID connectionId, SyncReport report);
}
