package io.twinline.connection.rest;

import io.twinline.connection.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.twinline.connection.entity.ConnectionMode;
import io.twinline.connection.entity.ConnectionType;
import io.twinline.connection.service.ConnectionService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Operators' API for connections. */
@Path("/api/v1/connections")
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "Connections")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionResource {

    static final String SHORT_NAME = "[a-z][a-z0-9-]{1,31}";
    static final String SHORT_NAME_RULE = "2 to 32 lower-case letters, digits or '-', starting with a letter";

    private final ConnectionService connections;

    public ConnectionResource(ConnectionService connections) {
        this.connections = connections;
    }

    public record InitiateRequest(
            @NotNull ConnectionType type,
            @NotNull ConnectionMode mode,
            @NotBlank @Pattern(regexp = SHORT_NAME, message = SHORT_NAME_RULE) String localName,
            @NotBlank @Pattern(regexp = SHORT_NAME, message = SHORT_NAME_RULE) String remoteName,
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._-]{2,63}",
                    message = "3 to 64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit") String name,
            @Size(max = 1000) String description,
            String destinationUrl,
            @Min(60) @Max(2_592_000) Long invitationLifetimeSeconds) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Initiate a connection",
            description = "Creates a PENDING connection whose destination is 'unknown' and answers with its invitation code, "
                    + "which the partner gives its agent. Only PRIVATE connections (the partner has no URL) are available.")
    public Response initiate(@NotNull @Valid InitiateRequest request, @Context UriInfo uri) {
        ConnectionService.Initiated initiated = connections.initiate(new ConnectionService.InitiateCommand(request.type(),
                request.mode(), request.localName(), request.remoteName(), request.name().strip(), request.description(),
                request.destinationUrl(), request.invitationLifetimeSeconds()));
        return Response.created(uri.getAbsolutePathBuilder().path(initiated.connection().id.toString()).build())
                .entity(ConnectionView.of(initiated.connection(), initiated.invitationCode())).build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "List connections")
    public List<ConnectionView> list() {
        return connections.list().stream().map(ConnectionView::of).toList();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Path("/{id}")
    @Operation(summary = "One connection, with its status, destination and agent")
    public ConnectionView get(@PathParam("id") UUID id) {
        return ConnectionView.of(connections.get(id));
    }

    @POST
    @Path("/{id}/invitation")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A fresh invitation code for a PENDING connection; the previous code is revoked")
    public ConnectionView reissueInvitation(@PathParam("id") UUID id,
                                            @QueryParam("invitationLifetimeSeconds") @Min(60) @Max(2_592_000) Long lifetimeSeconds) {
        ConnectionService.Initiated reissued = connections.reissueInvitation(id, lifetimeSeconds);
        return ConnectionView.of(reissued.connection(), reissued.invitationCode());
    }

    @POST
    @Path("/{id}/deactivate")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Deactivate an ACTIVE connection: changes queue up and are applied on re-activation")
    public ConnectionView deactivate(@PathParam("id") UUID id) {
        return ConnectionView.of(connections.deactivate(id));
    }

    @POST
    @Path("/{id}/activate")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Activate a DEACTIVATED connection again")
    public ConnectionView activate(@PathParam("id") UUID id) {
        return ConnectionView.of(connections.activate(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a connection, revoking its invitation and its agent's credentials")
    public Response delete(@PathParam("id") UUID id) {
        connections.delete(id);
        return Response.noContent().build();
    }
}
