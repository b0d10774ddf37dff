package io.twinline.connection;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.twinline.core.model.Side;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.EnvelopeLimits;
import io.twinline.core.replica.Replica;
import io.twinline.core.replica.ReplicaEnvelope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.twinline.connection.Operators.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The agent edge takes only envelopes every receiver can apply or park: sizes, ids, kinds and format version. */
@QuarkusTest
@WithTestResource(PublicSideTestResource.class)
class ReplicaEdgeTest {

    private static String[] acceptedConnection() {
        Response created = given().contentType(ContentType.JSON).body(Map.of("type", "PRIVATE", "mode", "SCRIPT",
                        "localName", "acme", "remoteName", "partner", "name", "Edge " + UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/connections");
        String id = created.path("id");
        String code = created.path("invitationCode");
        Response redeemed = given().baseUri(PublicSideTestResource.invitationServiceUrl).port(-1).contentType(ContentType.JSON)
                .body(Map.of("code", code, "agent", Map.of("shortName", "partner", "version", "9.9.9",
                        "trackerType", "JIRA")))
                .post("/api/v1/invitations/redeem");
        redeemed.then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/v1/connections/{id}", id).then().body("status", equalTo("ACTIVE")));
        String bearer = given().contentType(ContentType.JSON)
                .body(Map.of("agentId", redeemed.<String>path("credentials.agentId"), "agentSecret",
                        redeemed.<String>path("credentials.agentSecret")))
                .post("/api/v1/agent/token").then().statusCode(200).extract().path("accessToken");
        return new String[]{id, bearer};
    }

    private static Response send(String[] connection, String envelope) {
        return given().header("Authorization", "Bearer " + connection[1]).contentType(ContentType.JSON).body(envelope)
                .post("/api/v1/connections/{id}/agent/replicas", connection[0]);
    }

    private static ReplicaEnvelope upsert(String connectionId, String twinId, String localKey, String summary) {
        Ticket ticket = new Ticket();
        ticket.setSummary(summary);
        return ReplicaEnvelope.upsert(connectionId, twinId, Side.PRIVATE, localKey, 1, Replica.of(ticket));
    }

    @Test
    void envelopesNoReceiverCouldStoreAreRefusedWith400NamingTheField() {
        String[] connection = acceptedConnection();
        String id = connection[0];
        send(connection, upsert(id, UUID.randomUUID().toString(), "TEST-1", "fine").toJson()).then().statusCode(202);

        send(connection, upsert(id, "t".repeat(EnvelopeLimits.MAX_TWIN_ID + 1), "TEST-1", "long twin id").toJson()).then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("INVALID_FIELD"))
                .body("detail", containsString("twinId"));
        send(connection, upsert(id, "twin with spaces", "TEST-1", "odd twin id").toJson()).then()
                .statusCode(400).body("detail", containsString("twinId"));
        send(connection, upsert(id, UUID.randomUUID().toString(), "K".repeat(EnvelopeLimits.MAX_LOCAL_KEY + 1), "long key").toJson())
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("localKey"));
        send(connection, upsert(id, UUID.randomUUID().toString(), "TEST-1", "x".repeat(EnvelopeLimits.MAX_BYTES)).toJson()).then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("bytes"));

        String unknownKind = "{\"connectionId\":\"" + id + "\",\"twinId\":\"t-1\",\"origin\":\"PRIVATE\",\"version\":1,\"kind\":\"EXPLODE\"}";
        send(connection, unknownKind).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_REPLICA")).body("detail", containsString("kind"));
        String newerFormat = "{\"connectionId\":\"" + id + "\",\"twinId\":\"t-2\",\"origin\":\"PRIVATE\",\"version\":1,\"kind\":\"UPSERT\","
                + "\"body\":{\"formatVersion\":99,\"summary\":\"from the future\"}}";
        send(connection, newerFormat).then().statusCode(400).body("code", equalTo("MALFORMED_REPLICA"))
                .body("detail", containsString("formatVersion"));
    }
}
