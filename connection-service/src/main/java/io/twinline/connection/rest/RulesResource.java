package io.twinline.connection.rest;

import io.twinline.connection.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.connection.entity.ConnectionMode;
import io.twinline.connection.service.RulesService;
import io.twinline.core.rules.TestRun;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Operators' API for the public side's sync rules of a connection. */
@Path("/api/v1/connections/{id}/rules")
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "Rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {

    private final RulesService rules;

    public RulesResource(RulesService rules) {
        this.rules = rules;
    }

    /** One direction's rules; {@code editable} is false in BASIC mode, where the rules are built in. */
    public record RulesView(UUID connectionId, String direction, ConnectionMode mode, boolean editable, int version,
                            Instant updatedAt, String script) {
        static RulesView of(RulesService.Rules r) {
            return new RulesView(r.connectionId(), r.direction().label(), r.mode(), r.editable(), r.version(),
                    r.updatedAt(), r.script());
        }
    }

    public record RulesVersionView(int version, Instant createdAt, String script) {
        static RulesVersionView of(RulesService.Rules r) {
            return new RulesVersionView(r.version(), r.updatedAt(), r.script());
        }
    }

    public record SaveRequest(@NotNull String script) {
    }

    public record TestRunRequest(@NotBlank String direction, String script, JsonNode entity, JsonNode replica,
                                 JsonNode previous, Boolean firstSync) {
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Path("/{direction}")
    @Operation(summary = "The public side's current outgoing or incoming rules",
            description = "A SCRIPT connection starts with the default Freshdesk rules as version 1; a BASIC connection "
                    + "shows its built-in rules, which cannot be edited.")
    public RulesView get(@PathParam("id") UUID id, @PathParam("direction") String direction) {
        return RulesView.of(rules.current(id, RulesService.direction(direction)));
    }

    @PUT
    @Path("/{direction}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Operation(summary = "Save new rules (the Groovy text as the body) as the next version",
            description = "Refused with 400 RULES_DO_NOT_COMPILE (errors with line and column) when the text does not "
                    + "compile, and with 409 BASIC_MODE for a BASIC connection. Saving the current text again makes no new version.")
    public RulesView saveText(@PathParam("id") UUID id, @PathParam("direction") String direction, String script) {
        return RulesView.of(rules.save(id, RulesService.direction(direction), script));
    }

    @PUT
    @Path("/{direction}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save new rules ({\"script\": …}) as the next version",
            description = "As with a text/plain body.")
    public RulesView saveJson(@PathParam("id") UUID id, @PathParam("direction") String direction,
                              @NotNull @Valid SaveRequest request) {
        return RulesView.of(rules.save(id, RulesService.direction(direction), request.script()));
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Path("/{direction}/versions")
    @Operation(summary = "Every saved version of one direction's rules, oldest first")
    public List<RulesVersionView> versions(@PathParam("id") UUID id, @PathParam("direction") String direction) {
        return rules.history(id, RulesService.direction(direction)).stream().map(RulesVersionView::of).toList();
    }

    @POST
    @Path("/test-run")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run rules on a ticket or replica given as JSON, without touching any tracker",
            description = "Runs 'script', or the saved rules when it is left out, and answers {entity, replica, log}. "
                    + "Outgoing runs need 'entity'; incoming runs need 'replica' and, unless 'firstSync', 'entity'. "
                    + "A failing script gives 422 RULES_FAILED with the direction and the line.")
    public ObjectNode testRun(@PathParam("id") UUID id, @NotNull @Valid TestRunRequest request) {
        return TestRun.render(rules.testRun(id, new RulesService.TestRunInput(request.direction(), request.script(),
                request.entity(), request.replica(), request.previous(), Boolean.TRUE.equals(request.firstSync()))));
    }
}
