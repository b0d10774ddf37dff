package io.twinline.connection;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real OIDC token issuer over HTTP for the tests: a discovery document and a JWKS with a fresh RSA key, which signs
 * the access tokens the tests present (RS256), as a company's identity provider would.
 */
public class OidcIssuerTestResource implements QuarkusTestResourceLifecycleManager {

    static final String ROLE_CLAIM = "twinline_roles";
    static volatile RsaJsonWebKey signingKey;
    static volatile String issuer;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            signingKey = RsaJwkGenerator.generateJwk(2048);
            signingKey.setKeyId("issuer-key-1");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JoseException | IOException e) {
            throw new IllegalStateException("could not start the token issuer", e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/acme";
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        String jwks = "{\"keys\":[" + signingKey.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
        server.createContext("/realms/acme/.well-known/openid-configuration", exchange -> answer(exchange, discovery));
        server.createContext("/realms/acme/jwks", exchange -> answer(exchange, jwks));
        server.start();
        return Map.of("quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.client-id", "twinline",
                "quarkus.oidc.roles.role-claim-path", ROLE_CLAIM);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** An access token of the issuer for {@code user} with the given roles in the role claim. */
    static String token(String user, List<String> roles, Duration lifetime) {
        return Jwt.issuer(issuer).subject(user).claim("preferred_username", user).claim(ROLE_CLAIM, roles)
                .expiresIn(lifetime).jws().keyId(signingKey.getKeyId()).sign(signingKey.getPrivateKey());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

}
