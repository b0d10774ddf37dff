package io.twinline.connection.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.twinline.connection.service.OperatorKeyService;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer …} and tells the credentials this service issues apart: an operator's API key
 * ({@code twk_…}) or an agent access token (HS256, signed here). Any other bearer token (an OIDC access token, RS256
 * or ES256 from the company's identity provider) is left to the OIDC mechanism, which runs after this one.
 */
@ApplicationScoped
public class BearerAuthMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        String token = header.substring(BEARER.length()).strip();
        AuthenticationRequest request;
        if (token.startsWith(OperatorKeyService.PREFIX)) {
            request = new BearerCredential.OperatorKeyRequest(token);
        } else if (isHs256Jwt(token)) {
            request = new BearerCredential.AgentTokenRequest(token);
        } else {
            return Uni.createFrom().nullItem();
        }
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identities.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(BearerCredential.OperatorKeyRequest.class, BearerCredential.AgentTokenRequest.class);
    }

    /** Above the OIDC mechanism, so that the service's own credentials never reach the identity provider. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 500;
    }

    private static boolean isHs256Jwt(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || token.indexOf('.', dot + 1) < 0) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            return header.replace(" ", "").contains("\"alg\":\"HS256\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
