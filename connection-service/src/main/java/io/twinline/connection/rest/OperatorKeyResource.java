package io.twinline.connection.rest;

import io.twinline.connection.entity.OperatorKey;
import io.twinline.connection.security.Roles;
import io.twinline.connection.service.OperatorKeyService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Operators' API keys: created (the key is shown in that answer only), listed, revoked. Operators only. */
@Path("/api/v1/operator-keys")
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "Operator keys")
@Produces(MediaType.APPLICATION_JSON)
public class OperatorKeyResource {

    private final OperatorKeyService keys;

    public OperatorKeyResource(OperatorKeyService keys) {
        this.keys = keys;
    }

    public record CreateRequest(@NotBlank @Size(max = 64) String name, @NotBlank String role) {
    }

    /** A key as listed: never the key itself, only its first characters ({@code hint}). */
    public record KeyView(UUID id, String name, String role, String hint, Instant createdAt, String createdBy,
                          Instant revokedAt, String key) {
        static KeyView of(OperatorKey k, String secret) {
            return new KeyView(k.id, k.name, k.role, k.hint, k.createdAt, k.createdBy, k.revokedAt, secret);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key with a role (viewer or operator); the key is in this answer only")
    public Response create(@NotNull @Valid CreateRequest request, @Context UriInfo uri) {
        OperatorKeyService.CreatedKey created = keys.create(request.name(), request.role());
        return Response.created(uri.getAbsolutePathBuilder().path(created.key().id.toString()).build())
                .entity(KeyView.of(created.key(), created.secret())).build();
    }

    @GET
    @Operation(summary = "List API keys (without the keys themselves)")
    public List<KeyView> list() {
        return keys.list().stream().map(k -> KeyView.of(k, null)).toList();
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(summary = "Revoke an API key: it is refused from the next call on")
    public KeyView revoke(@PathParam("keyId") UUID keyId) {
        return KeyView.of(keys.revoke(keyId), null);
    }
}
