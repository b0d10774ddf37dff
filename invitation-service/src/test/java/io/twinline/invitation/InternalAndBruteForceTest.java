package io.twinline.invitation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.twinline.core.security.ServiceCredential;
import io.twinline.testkit.KafkaTestResource;
import io.twinline.testkit.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Minting and revocation need connection-service's service credential; guessing codes is slowed and then refused. */
@QuarkusTest
@TestProfile(InternalAndBruteForceTest.FewAttempts.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class InternalAndBruteForceTest {

    /** Three free attempts, then a wait of a minute that doubles. */
    public static class FewAttempts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("twinline.failed-attempts.free-attempts", "3", "twinline.failed-attempts.first-delay", "60s");
        }
    }

    private static Map<String, Object> mintBody() {
        return Map.of("connectionId", UUID.randomUUID(), "connectionName", "acme-to-partner", "initiatorName", "acme");
    }

    @Test
    void internalCallsWithoutTheServiceCredentialAre401() {
        given().contentType(ContentType.JSON).body(mintBody()).post("/internal/v1/invitations")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("SERVICE_CREDENTIAL_REQUIRED"));
        given().header(ServiceCredential.HEADER, RedemptionTest.SERVICE_TOKEN + "x").contentType(ContentType.JSON).body(mintBody())
                .post("/internal/v1/invitations").then().statusCode(401);
        given().post("/internal/v1/connections/{id}/invitations/revoke", UUID.randomUUID()).then().statusCode(401);
        given().header(ServiceCredential.HEADER, RedemptionTest.SERVICE_TOKEN).contentType(ContentType.JSON).body(mintBody())
                .post("/internal/v1/invitations").then().statusCode(201);
    }

    @Test
    void repeatedFailedRedemptionsFromOneAddressAreRefusedWith429AndRetryAfter() {
        Map<String, Object> body = Map.of("code", "tl1.garbage", "agent",
                Map.of("shortName", "guesser", "version", "1", "trackerType", "JIRA"));
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(body).post("/api/v1/invitations/redeem").then().statusCode(400);
        }
        // The fourth failure imposes the wait; the attempts during it are refused before the code is looked at.
        given().contentType(ContentType.JSON).body(body).post("/api/v1/invitations/redeem").then().statusCode(400);
        Response refused = given().contentType(ContentType.JSON).body(body).post("/api/v1/invitations/redeem");
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("TOO_MANY_ATTEMPTS"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(refused.asString()).doesNotContain("garbage");
    }
}
