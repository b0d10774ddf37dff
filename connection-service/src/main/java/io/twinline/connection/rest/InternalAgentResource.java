package io.twinline.connection.rest;

import io.twinline.connection.service.AgentReportService;
import io.twinline.core.model.Side;
import io.twinline.core.operations.SyncInstructions;
import io.twinline.core.operations.SyncReport;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * The public agent's calls. It runs inside the public network next to this service, so this API is internal: the
 * ingress does not expose {@code /internal} (the private agent uses the authenticated agent edge instead).
 */
@Path("/internal/v1/connections/{id}")
@Tag(name = "Internal: public agent")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InternalAgentResource {

    private final AgentReportService reports;

    public InternalAgentResource(AgentReportService reports) {
        this.reports = reports;
    }

    @POST
    @Path("/sync-report")
    @Operation(summary = "The public agent reports its twins, errors and progress; answers with status, triggers and commands")
    public SyncInstructions report(@PathParam("id") UUID id, @NotNull SyncReport report) {
        return reports.exchange(id, Side.PUBLIC, report);
    }
}
