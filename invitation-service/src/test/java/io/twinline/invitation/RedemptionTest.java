package io.twinline.invitation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.twinline.core.digest.Sha256;
import io.twinline.core.invitation.InvitationCode;
import io.twinline.core.security.ServiceCredential;
import io.twinline.testkit.KafkaTestResource;
import io.twinline.testkit.PostgresTestResource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class RedemptionTest {

    static final String SERVICE_TOKEN = "test-only-invitation-service-token-0123456789";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String mint(UUID connectionId, Long lifetimeSeconds) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("connectionId", connectionId,
                "connectionName", "acme-to-partner", "initiatorName", "acme"));
        if (lifetimeSeconds != null) {
            body.put("lifetimeSeconds", lifetimeSeconds);
        }
        return given().header(ServiceCredential.HEADER, SERVICE_TOKEN).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/invitations")
                .then().statusCode(201).body("code", startsWith("tl2."))
                .extract().path("code");
    }

    private static Response redeem(String code) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "agent", Map.of("shortName", "partner", "version", "0.1.0", "trackerType", "JIRA")))
                .post("/api/v1/invitations/redeem");
    }

    private static void refused(String code, int status, String reason) {
        redeem(code).then().statusCode(status)
                .contentType("application/problem+json")
                .body("code", equalTo(reason))
                .body("status", equalTo(status));
    }

    @Test
    void redeemingReturnsCredentialsOnceAndPublishesTheirHash() {
        UUID connectionId = UUID.randomUUID();
        String code = mint(connectionId, null);

        Response response = redeem(code);
        response.then().statusCode(200)
                .body("connectionId", equalTo(connectionId.toString()))
                .body("connectionName", equalTo("acme-to-partner"))
                .body("initiatorName", equalTo("acme"))
                .body("endpoints.connectionApi", startsWith("http"))
                .body("credentials.agentId", startsWith("agent-"));
        String secret = response.path("credentials.agentSecret");
        String agentId = response.path("credentials.agentId");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

        List<String> events = eventsFor(connectionId, 2);
        assertThat(events.get(0)).contains("\"MINTED\"");
        assertThat(events.get(1)).contains("\"REDEEMED\"", agentId, Sha256.hex(secret), "\"partner\"")
                .doesNotContain(secret);
    }

    @Test
    void eachRefusalHasItsOwnReason() throws Exception {
        refused("not a code", 400, "MALFORMED");
        refused("tl1.AAAA.BBBB", 400, "MALFORMED");

        String code = mint(UUID.randomUUID(), null);
        String[] parts = code.split("\\.");
        String unknownSecret = InvitationCode.newSecret();
        refused(parts[0] + "." + parts[1] + "." + unknownSecret + "." + parts[3], 404, "UNKNOWN");

        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String longer = payload.replaceFirst("\"exp\":\"\\d{4}", "\"exp\":\"2999");
        assertThat(longer).isNotEqualTo(payload);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(longer.getBytes()) + "." + parts[2] + "." + parts[3];
        refused(tampered, 400, "TAMPERED");

        // The refusals above changed nothing: the genuine code still works, once.
        redeem(code).then().statusCode(200);
        refused(code, 409, "USED");

        UUID reinvited = UUID.randomUUID();
        String first = mint(reinvited, null);
        String second = mint(reinvited, null);
        refused(first, 410, "REVOKED");
        redeem(second).then().statusCode(200);

        String shortLived = mint(UUID.randomUUID(), 1L);
        Thread.sleep(1_100);
        refused(shortLived, 410, "EXPIRED");
    }

    @Test
    void revokingAConnectionsInvitationsRefusesItsCode() {
        UUID connectionId = UUID.randomUUID();
        String code = mint(connectionId, null);
        given().header(ServiceCredential.HEADER, SERVICE_TOKEN).post("/internal/v1/connections/{id}/invitations/revoke", connectionId).then().statusCode(204);
        refused(code, 410, "REVOKED");
    }

    @Test
    void ofConcurrentRedemptionsExactlyOneWins() throws Exception {
        String code = mint(UUID.randomUUID(), null);
        int contenders = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                results.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    return redeem(code).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidRequestsNameTheField() {
        String code = mint(UUID.randomUUID(), null);
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "agent", Map.of("shortName", "Bad Name!", "version", "1", "trackerType", "JIRA")))
                .post("/api/v1/invitations/redeem")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("shortName"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", code, "agent", Map.of("shortName", "partner", "version", "1", "trackerType", "TRELLO")))
                .post("/api/v1/invitations/redeem")
                .then().statusCode(400).body("errors.field", hasItem("trackerType"));
        given().contentType(ContentType.JSON).body("{\"code\": ")
                .post("/api/v1/invitations/redeem")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("MALFORMED_BODY"));
        given().contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/api/v1/invitations/redeem")
                .then().statusCode(400).body("errors.field", hasItem("agent"));
        // None of that used the code.
        redeem(code).then().statusCode(200);
    }

    @Test
    void healthReportsDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka"));
    }

    private List<String> eventsFor(UUID connectionId, int atLeast) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("twinline.invitation-events"));
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.size() < atLeast && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(connectionId.toString())) {
                        found.add(record.value());
                    }
                }
            }
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(atLeast);
        return found;
    }
}
