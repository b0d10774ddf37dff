package io.twinline.connection.rest;

import io.twinline.connection.service.RulesService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * The public side's rules as the public agent reads them: with the service credential, not an operator's sign-in
 * (the ingress does not publish {@code /internal}).
 */
@Path("/internal/v1/connections/{id}/rules")
@Tag(name = "Internal: public agent")
@Produces(MediaType.APPLICATION_JSON)
public class InternalRulesResource {

    private final RulesService rules;

    public InternalRulesResource(RulesService rules) {
        this.rules = rules;
    }

    @GET
    @Path("/{direction}")
    @Operation(summary = "Public agent: the current outgoing or incoming rules it runs")
    public RulesResource.RulesView get(@PathParam("id") UUID id, @PathParam("direction") String direction) {
        return RulesResource.RulesView.of(rules.current(id, RulesService.direction(direction)));
    }
}
