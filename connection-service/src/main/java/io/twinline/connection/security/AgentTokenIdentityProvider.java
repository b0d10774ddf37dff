package io.twinline.connection.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Agent access tokens: verified against the token keys (no database; revocation is checked per call). */
@ApplicationScoped
public class AgentTokenIdentityProvider implements IdentityProvider<BearerCredential.AgentTokenRequest> {

    private final AgentTokenKeys keys;

    public AgentTokenIdentityProvider(AgentTokenKeys keys) {
        this.keys = keys;
    }

    @Override
    public Class<BearerCredential.AgentTokenRequest> getRequestType() {
        return BearerCredential.AgentTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(BearerCredential.AgentTokenRequest request, AuthenticationRequestContext context) {
        return keys.verify(request.token())
                .map(agent -> Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(agent).addRole(Roles.AGENT).build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("invalid or expired agent token")));
    }
}
