package io.twinline.connection.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.twinline.connection.entity.OperatorKey;
import io.twinline.connection.service.OperatorKeyService;
import jakarta.enterprise.context.ApplicationScoped;

/** Operators' API keys: looked up by their hash (a database call, so off the event loop). */
@ApplicationScoped
public class OperatorKeyIdentityProvider implements IdentityProvider<BearerCredential.OperatorKeyRequest> {

    public static final String KEY_ID_ATTRIBUTE = "twinline.operator-key-id";

    private final OperatorKeyService keys;

    public OperatorKeyIdentityProvider(OperatorKeyService keys) {
        this.keys = keys;
    }

    @Override
    public Class<BearerCredential.OperatorKeyRequest> getRequestType() {
        return BearerCredential.OperatorKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(BearerCredential.OperatorKeyRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            OperatorKey key = keys.authenticate(request.key())
                    .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked operator key"));
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("key:" + key.name))
                    .addAttribute(KEY_ID_ATTRIBUTE, key.id.toString())
                    .addRole(key.role);
            if (Roles.OPERATOR.equals(key.role)) {
                identity.addRole(Roles.VIEWER);
            }
            return identity.build();
        });
    }
}
