package io.twinline.connection;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.twinline.core.digest.Sha256;
import io.twinline.core.invitation.InvitationCode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.twinline.connection.Operators.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(PublicSideTestResource.class)
class ConnectionLifecycleTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private static Map<String, Object> privateScriptConnection() {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "PRIVATE");
        body.put("mode", "SCRIPT");
        body.put("localName", "acme");
        body.put("remoteName", "partner");
        body.put("name", "Acme to Partner " + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6));
        body.put("description", "Freshdesk support tickets to the partner's Jira");
        return body;
    }

    private static Response initiate(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/connections");
    }

    private static RequestSpecification invitationService() {
        return given().baseUri(PublicSideTestResource.invitationServiceUrl).port(-1).contentType(ContentType.JSON);
    }

    private static Response redeem(String code, String shortName) {
        return invitationService()
                .body(Map.of("code", code, "agent", Map.of("shortName", shortName, "version", "9.9.9", "trackerType", "JIRA")))
                .post("/api/v1/invitations/redeem");
    }

    private static String token(String agentId, String secret) {
        return given().contentType(ContentType.JSON).body(Map.of("agentId", agentId, "agentSecret", secret))
                .post("/api/v1/agent/token").then().statusCode(200).body("tokenType", equalTo("Bearer"))
                .extract().path("accessToken");
    }

    private static Response heartbeat(String connectionId, String bearer) {
        RequestSpecification request = Operators.anonymous().contentType(ContentType.JSON).body(Map.of("version", "9.9.9"));
        if (bearer != null) {
            request = request.header("Authorization", "Bearer " + bearer);
        }
        return request.post("/api/v1/connections/{id}/agent/heartbeat", connectionId);
    }

    /** Initiates a connection and lets an agent accept it; returns id, agentId and secret. */
    private static String[] acceptedConnection(String partner) {
        Response created = initiate(privateScriptConnection());
        String id = created.path("id");
        Response redeemed = redeem(created.path("invitationCode"), partner);
        redeemed.then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/v1/connections/{id}", id).then().body("status", equalTo("ACTIVE")));
        return new String[]{id, redeemed.path("credentials.agentId"), redeemed.path("credentials.agentSecret")};
    }

    @Test
    void initiatingAPrivateConnectionGivesAPendingConnectionAndItsCode() {
        Map<String, Object> body = privateScriptConnection();
        Response created = initiate(body);
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/connections/"))
                .body("status", equalTo("PENDING"))
                .body("destination", equalTo("unknown"))
                .body("type", equalTo("PRIVATE"))
                .body("mode", equalTo("SCRIPT"))
                .body("localName", equalTo("acme"))
                .body("remoteName", equalTo("partner"))
                .body("name", equalTo(body.get("name")))
                .body("description", equalTo(body.get("description")))
                .body("createdAt", notNullValue())
                .body("invitationExpiresAt", notNullValue())
                .body("invitationCode", startsWith("tl2."));
        String id = created.path("id");
        InvitationCode code = InvitationCode.parse(created.path("invitationCode"));
        assertThat(code.payload().connectionId()).hasToString(id);
        assertThat(code.payload().initiatorName()).isEqualTo("acme");
        assertThat(code.payload().connectionName()).isEqualTo(body.get("name"));

        given().get("/api/v1/connections/{id}", id).then().statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("destination", equalTo("unknown"))
                .body("invitationCode", nullValue())
                .body("agent", nullValue());
        given().get("/api/v1/connections").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void everyValidationErrorIsA400NamingTheFieldAndChangesNothing() {
        int before = given().get("/api/v1/connections").then().extract().path("size()");
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("type", new Object[]{"type", null});
        cases.put("type PUBLIC", new Object[]{"type", "PUBLIC"});
        cases.put("type unknown", new Object[]{"type", "SIDEWAYS"});
        cases.put("mode", new Object[]{"mode", null});
        cases.put("mode unknown", new Object[]{"mode", "FANCY"});
        cases.put("localName", new Object[]{"localName", "Acme Corp"});
        cases.put("localName missing", new Object[]{"localName", null});
        cases.put("remoteName", new Object[]{"remoteName", "x"});
        cases.put("remoteName same", new Object[]{"remoteName", "acme"});
        cases.put("name short", new Object[]{"name", "ab"});
        cases.put("name chars", new Object[]{"name", "acme<script>"});
        cases.put("name long", new Object[]{"name", "n".repeat(65)});
        cases.put("description", new Object[]{"description", "d".repeat(1001)});
        cases.put("destinationUrl", new Object[]{"destinationUrl", "https://partner.example"});
        cases.forEach((label, change) -> {
            Map<String, Object> body = privateScriptConnection();
            body.put((String) change[0], change[1]);
            initiate(body).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors.field", hasItem(change[0]));
        });
        initiate(Map.of("type", "PUBLIC", "mode", "SCRIPT", "localName", "acme", "remoteName", "partner",
                "name", "public one", "destinationUrl", "https://partner.example"))
                .then().statusCode(400).body("detail", containsString("not available yet"));
        given().contentType(ContentType.JSON).body("{\"type\": \"PRIVATE\",").post("/api/v1/connections")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("MALFORMED_BODY"));

        Map<String, Object> taken = privateScriptConnection();
        initiate(taken).then().statusCode(201);
        before++;
        taken.put("name", ((String) taken.get("name")).toUpperCase());
        initiate(taken).then().statusCode(409).body("code", equalTo("NAME_TAKEN")).body("errors.field", hasItem("name"));

        given().get("/api/v1/connections").then().body("size()", equalTo(before));
        given().get("/api/v1/connections/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/connections/not-a-uuid").then().statusCode(404);
    }

    @Test
    void anAcceptedConnectionShowsThePartnerAndItsAgent() {
        String[] accepted = acceptedConnection("globex");
        String id = accepted[0];
        given().get("/api/v1/connections/{id}", id).then()
                .body("status", equalTo("ACTIVE"))
                .body("destination", equalTo("globex"))
                .body("acceptedAt", notNullValue())
                .body("agent.version", equalTo("9.9.9"))
                .body("agent.trackerType", equalTo("JIRA"))
                .body("agent.lastSeenAt", nullValue());

        String bearer = token(accepted[1], accepted[2]);
        heartbeat(id, bearer).then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().get("/api/v1/connections/{id}", id).then().body("agent.lastSeenAt", notNullValue());

        // A fresh code is only for pending connections.
        given().post("/api/v1/connections/{id}/invitation", id).then().statusCode(409).body("code", equalTo("NOT_PENDING"));
    }

    @Test
    void agentCallsWithoutOrWithWrongCredentialsAreRefused() {
        String[] mine = acceptedConnection("partner-a");
        String[] theirs = acceptedConnection("partner-b");

        heartbeat(mine[0], null).then().statusCode(401).contentType("application/problem+json");
        heartbeat(mine[0], "not-a-token").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("agentId", mine[1], "agentSecret", "wrong"))
                .post("/api/v1/agent/token").then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        given().contentType(ContentType.JSON).body(Map.of("agentId", "agent-nobody", "agentSecret", mine[2]))
                .post("/api/v1/agent/token").then().statusCode(401);

        String theirToken = token(theirs[1], theirs[2]);
        heartbeat(mine[0], theirToken).then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("WRONG_CONNECTION"));
        heartbeat(theirs[0], theirToken).then().statusCode(200);
    }

    @Test
    void deactivateActivateAndDelete() {
        String[] accepted = acceptedConnection("initech");
        String id = accepted[0];
        String bearer = token(accepted[1], accepted[2]);

        given().post("/api/v1/connections/{id}/activate", id).then().statusCode(200).body("status", equalTo("ACTIVE"));
        given().post("/api/v1/connections/{id}/deactivate", id).then().statusCode(200).body("status", equalTo("DEACTIVATED"));
        heartbeat(id, bearer).then().statusCode(200).body("status", equalTo("DEACTIVATED"));
        given().post("/api/v1/connections/{id}/activate", id).then().statusCode(200).body("status", equalTo("ACTIVE"));

        String pending = initiate(privateScriptConnection()).path("id");
        given().post("/api/v1/connections/{id}/deactivate", pending).then().statusCode(409)
                .body("code", equalTo("INVALID_TRANSITION"));

        given().delete("/api/v1/connections/{id}", id).then().statusCode(204);
        given().get("/api/v1/connections/{id}", id).then().statusCode(404);
        heartbeat(id, bearer).then().statusCode(401).body("code", equalTo("CREDENTIALS_REVOKED"));
        given().contentType(ContentType.JSON).body(Map.of("agentId", accepted[1], "agentSecret", accepted[2]))
                .post("/api/v1/agent/token").then().statusCode(401);
        given().delete("/api/v1/connections/{id}", id).then().statusCode(404);
    }

    @Test
    void aNewCodeRevokesTheOldOneAndDeletingRevokesTheCode() {
        Response created = initiate(privateScriptConnection());
        String id = created.path("id");
        String first = created.path("invitationCode");
        String second = given().post("/api/v1/connections/{id}/invitation", id).then().statusCode(200)
                .body("status", equalTo("PENDING")).extract().path("invitationCode");
        assertThat(second).isNotEqualTo(first);
        redeem(first, "partner").then().statusCode(410).body("code", equalTo("REVOKED"));

        given().delete("/api/v1/connections/{id}", id).then().statusCode(204);
        redeem(second, "partner").then().statusCode(410).body("code", equalTo("REVOKED"));
    }

    @Test
    void aRedeemedEventDeliveredTwiceMakesOneTransition() throws Exception {
        Response created = initiate(privateScriptConnection());
        String id = created.path("id");
        InvitationCode code = InvitationCode.parse(created.path("invitationCode"));
        String event = """
                {"eventId":"%s","type":"REDEEMED","connectionId":"%s","invitationId":"%s","occurredAt":"2026-11-23T10:00:00Z",
                 "agent":{"shortName":"umbrella","version":"1.2.3","trackerType":"JIRA"},
                 "credential":{"agentId":"agent-%s","secretHash":"%s"}}
                """.formatted(UUID.randomUUID(), id, code.payload().invitationId(), UUID.randomUUID(),
                Sha256.hex("s3cret"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                PublicSideTestResource.kafkaBootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("twinline.invitation-events", id, event)).get();
            producer.send(new ProducerRecord<>("twinline.invitation-events", id, event)).get();
            producer.send(new ProducerRecord<>("twinline.invitation-events", id, "{ not json")).get();
            producer.send(new ProducerRecord<>("twinline.invitation-events", id, event)).get();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/v1/connections/{id}", id).then().body("status", equalTo("ACTIVE"))
                        .body("destination", equalTo("umbrella")));
        String acceptedAt = given().get("/api/v1/connections/{id}", id).path("acceptedAt");

        List<String> events = connectionEvents(id, Duration.ofSeconds(5));
        assertThat(events).filteredOn(e -> e.contains("\"ACCEPTED\"")).hasSize(1);
        assertThat(events).filteredOn(e -> e.contains("\"INITIATED\"")).hasSize(1);
        given().get("/api/v1/connections/{id}", id).then().body("acceptedAt", equalTo(acceptedAt));
    }

    @Test
    void healthIncludesDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"))
                .body(containsString("Kafka connection health check"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/connections"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
    }

    private static List<String> connectionEvents(String connectionId, Duration window) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PublicSideTestResource.kafkaBootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("twinline.connection-events"));
            long deadline = System.currentTimeMillis() + window.toMillis();
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (connectionId.equals(record.key())) {
                        found.add(record.value());
                    }
                }
            }
        }
        return found;
    }
}
