package io.twinline.connection.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.twinline.support.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Authentication failures as problem+json too (authentication is lazy so that these reach the REST layer). */
public class SecurityProblemMappers {

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized() {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(Problem.of(401, "Unauthorized", "credentials are required: an operator API key or OIDC access token (Authorization: Bearer …), "
                                + "or on the agent edge an agent access token (POST /api/v1/agent/token)",
                        "UNAUTHORIZED"))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "Forbidden", "these credentials may not do this (viewer keys only read; changes need the operator role)", "FORBIDDEN")).build();
    }
}
