package io.twinline.connection;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.jose4j.jwk.RsaJwkGenerator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.twinline.connection.Operators.anonymous;
import static io.twinline.connection.Operators.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** People sign in with their company's identity provider: OIDC access tokens, roles from a configured claim. */
@QuarkusTest
@TestProfile(OidcOperatorsTest.WithOidc.class)
@WithTestResource(PublicSideTestResource.class)
@WithTestResource(OidcIssuerTestResource.class)
class OidcOperatorsTest {

    public static class WithOidc implements QuarkusTestProfile {
    }

    private static Map<String, Object> connection() {
        return Map.of("type", "PRIVATE", "mode", "SCRIPT", "localName", "acme", "remoteName", "partner",
                "name", "Oidc " + UUID.randomUUID().toString().substring(0, 8));
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return anonymous().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    @Test
    void anOperatorTokenChangesAViewerTokenOnlyReads() {
        String operator = OidcIssuerTestResource.token("alice", List.of("operator"), Duration.ofMinutes(5));
        String viewer = OidcIssuerTestResource.token("bob", List.of("viewer"), Duration.ofMinutes(5));

        String id = as(operator).body(connection()).post("/api/v1/connections").then().statusCode(201).extract().path("id");
        as(viewer).get("/api/v1/connections/{id}", id).then().statusCode(200).body("id", equalTo(id));
        as(viewer).body(connection()).post("/api/v1/connections").then().statusCode(403)
                .contentType("application/problem+json");
        as(viewer).get("/api/v1/audit?connectionId={id}", id).then().statusCode(200)
                .body("actor", hasItem("alice")).body("action", hasItem("CONNECTION_CREATED"));
        // API keys keep working next to OIDC.
        given().get("/api/v1/connections/{id}", id).then().statusCode(200);
    }

    @Test
    void tokensTheIssuerDidNotSignExpiredOrWithoutARoleAreRefused() throws Exception {
        as(OidcIssuerTestResource.token("carol", List.of(), Duration.ofMinutes(5))).get("/api/v1/connections")
                .then().statusCode(403);
        var stranger = RsaJwkGenerator.generateJwk(2048);
        String forged = io.smallrye.jwt.build.Jwt.issuer(OidcIssuerTestResource.issuer).subject("mallory")
                .claim(OidcIssuerTestResource.ROLE_CLAIM, List.of("operator")).expiresIn(Duration.ofMinutes(5))
                .jws().keyId("issuer-key-1").sign(stranger.getPrivateKey());
        as(forged).get("/api/v1/connections").then().statusCode(401).contentType("application/problem+json");
        String expired = io.smallrye.jwt.build.Jwt.issuer(OidcIssuerTestResource.issuer).subject("alice")
                .claim(OidcIssuerTestResource.ROLE_CLAIM, List.of("operator"))
                .issuedAt(System.currentTimeMillis() / 1000 - 3600).expiresAt(System.currentTimeMillis() / 1000 - 1800)
                .jws().keyId("issuer-key-1").sign(OidcIssuerTestResource.signingKey.getPrivateKey());
        as(expired).get("/api/v1/connections").then().statusCode(401);
    }
}
