package io.twinline.support.internal;

import io.twinline.core.security.ServiceCredential;
import io.twinline.support.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Every {@code /internal} call must carry this service's token: the network policy is the first wall, this is the
 * second. The comparison takes the same time wherever the tokens differ.
 */
public class InternalApiGuard {

    static final int MIN_TOKEN_LENGTH = 32;

    private final byte[] expected;

    public InternalApiGuard(InternalApiConfig config) {
        this.expected = config.serviceToken().filter(t -> t.length() >= MIN_TOKEN_LENGTH)
                .map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> guard(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/internal/") && !path.equals("/internal")) {
            return Optional.empty();
        }
        String presented = request.getHeaderString(ServiceCredential.HEADER);
        if (expected != null && presented != null
                && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(Response.status(401).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "Unauthorized", "internal API: the public side's service credential is required in "
                        + ServiceCredential.HEADER, "SERVICE_CREDENTIAL_REQUIRED"))
                .build());
    }
}
