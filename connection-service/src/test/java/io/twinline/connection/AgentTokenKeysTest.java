package io.twinline.connection;

import io.twinline.core.digest.Sha256;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.twinline.core.invitation.InvitationCode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static io.twinline.connection.Operators.anonymous;
import static io.twinline.connection.Operators.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The token key rotated: connection-service signs with the new key and still accepts tokens of the previous one; an
 * agent that keeps guessing its secret is slowed down and refused with 429.
 */
@QuarkusTest
@TestProfile(AgentTokenKeysTest.Rotated.class)
@WithTestResource(PublicSideTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentTokenKeysTest {

    static final String OLD_KEY = "dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTAxMjM0NTY3ODk";
    static final String NEW_KEY = "bmV3LXRlc3Qta2V5LW5ldy10ZXN0LWtleS1uZXctMDEyMzQ1Njc4OQ";

    public static class Rotated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("twinline.agent-token-key", NEW_KEY,
                    "twinline.connection.agent-tokens.previous-keys", OLD_KEY,
                    "twinline.failed-attempts.free-attempts", "3",
                    "twinline.failed-attempts.first-delay", "60s");
        }
    }

    private static String kid(String base64UrlKey) {
        return "k" + Sha256.hex(Base64.getUrlDecoder().decode(base64UrlKey)).substring(0, 16);
    }

    private static String signWith(String base64UrlKey, String keyId, String agentId, String connectionId) {
        var jws = Jwt.issuer("twinline-connection-service").subject(agentId).groups(Set.of("agent"))
                .claim("cid", connectionId).expiresIn(Duration.ofMinutes(5)).jws().algorithm(SignatureAlgorithm.HS256);
        if (keyId != null) {
            jws.keyId(keyId);
        }
        return jws.sign(new SecretKeySpec(Base64.getUrlDecoder().decode(base64UrlKey), "HmacSHA256"));
    }

    private static String header(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
    }

    /** An accepted connection: id, agent id, agent secret. */
    private static String[] accepted() {
        Response created = given().contentType(ContentType.JSON).body(Map.of("type", "PRIVATE", "mode", "SCRIPT",
                "localName", "acme", "remoteName", "partner", "name", "Keys " + System.nanoTime())).post("/api/v1/connections");
        String id = created.path("id");
        Response redeemed = anonymous().baseUri(PublicSideTestResource.invitationServiceUrl).port(-1).contentType(ContentType.JSON)
                .body(Map.of("code", created.<String>path("invitationCode"), "agent",
                        Map.of("shortName", "partner", "version", "1", "trackerType", "JIRA")))
                .post("/api/v1/invitations/redeem");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/v1/connections/{id}", id).then().body("status", equalTo("ACTIVE")));
        await().atMost(Duration.ofSeconds(10)).until(() -> anonymous().contentType(ContentType.JSON)
                .body(Map.of("agentId", redeemed.path("credentials.agentId"), "agentSecret", redeemed.path("credentials.agentSecret")))
                .post("/api/v1/agent/token").statusCode() == 200);
        return new String[]{id, redeemed.path("credentials.agentId"), redeemed.path("credentials.agentSecret")};
    }

    private static Response heartbeat(String connectionId, String token) {
        return anonymous().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/connections/{id}/agent/heartbeat", connectionId);
    }

    @Test
    @Order(1)
    void tokensOfThePreviousKeyStayValidAndNewTokensCarryTheNewKeyId() {
        String[] agent = accepted();
        // Issued before the rotation (with the old key id, or from before key ids): still accepted.
        heartbeat(agent[0], signWith(OLD_KEY, kid(OLD_KEY), agent[1], agent[0])).then().statusCode(200);
        heartbeat(agent[0], signWith(OLD_KEY, null, agent[1], agent[0])).then().statusCode(401);
        String fresh = anonymous().contentType(ContentType.JSON).body(Map.of("agentId", agent[1], "agentSecret", agent[2]))
                .post("/api/v1/agent/token").then().statusCode(200).extract().path("accessToken");
        assertThat(header(fresh)).contains("\"kid\":\"" + kid(NEW_KEY) + "\"").doesNotContain(kid(OLD_KEY));
        heartbeat(agent[0], fresh).then().statusCode(200);
        // A key nobody configured, or the new key's id on a token signed with another key: refused.
        String stranger = "c3RyYW5nZXIta2V5LXN0cmFuZ2VyLWtleS0wMTIzNDU2Nzg5MDEyMw";
        heartbeat(agent[0], signWith(stranger, kid(stranger), agent[1], agent[0])).then().statusCode(401);
        heartbeat(agent[0], signWith(stranger, kid(NEW_KEY), agent[1], agent[0])).then().statusCode(401);
    }

    @Test
    @Order(2)
    void repeatedWrongSecretsForOneAgentAreSlowedAndThenRefusedWith429() {
        String[] agent = accepted();
        Map<String, String> wrong = Map.of("agentId", agent[1], "agentSecret", "wrong-secret");
        for (int i = 0; i < 4; i++) {
            anonymous().contentType(ContentType.JSON).body(wrong).post("/api/v1/agent/token").then().statusCode(401)
                    .body("code", equalTo("INVALID_CREDENTIALS"));
        }
        Response refused = anonymous().contentType(ContentType.JSON).body(wrong).post("/api/v1/agent/token");
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("TOO_MANY_ATTEMPTS"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(refused.asString()).doesNotContain("wrong-secret");
        // While it waits even the right secret is refused: the guesser learns nothing.
        anonymous().contentType(ContentType.JSON).body(Map.of("agentId", agent[1], "agentSecret", agent[2]))
                .post("/api/v1/agent/token").then().statusCode(429);
    }
}
