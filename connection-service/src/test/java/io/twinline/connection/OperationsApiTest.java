package io.twinline.connection;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.twinline.connection.Operators.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Operations over REST — triggers, bulk sync, twins, sync errors and retry, the queue, deactivation — and the agents'
 * side of them: the sync reports both agents send (the public one on the internal API, the private one on its
 * authenticated edge) and the status, triggers and commands they get back.
 */
@QuarkusTest
@WithTestResource(PublicSideTestResource.class)
class OperationsApiTest {

    private static Map<String, Object> connectionBody() {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "PRIVATE");
        body.put("mode", "SCRIPT");
        body.put("localName", "acme");
        body.put("remoteName", "partner");
        body.put("name", "Ops " + UUID.randomUUID().toString().substring(0, 8));
        return body;
    }

    private static String pendingConnection() {
        return given().contentType(ContentType.JSON).body(connectionBody()).post("/api/v1/connections")
                .then().statusCode(201).extract().path("id");
    }

    /** An accepted connection: its id and a bearer token of its private agent. */
    private static String[] acceptedConnection() {
        Response created = given().contentType(ContentType.JSON).body(connectionBody()).post("/api/v1/connections");
        String id = created.path("id");
        Response redeemed = given().baseUri(PublicSideTestResource.invitationServiceUrl).port(-1).contentType(ContentType.JSON)
                .body(Map.of("code", created.<String>path("invitationCode"), "agent",
                        Map.of("shortName", "partner", "version", "9.9.9", "trackerType", "JIRA")))
                .post("/api/v1/invitations/redeem");
        redeemed.then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/v1/connections/{id}", id).then().body("status", equalTo("ACTIVE")));
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("agentId", redeemed.<String>path("credentials.agentId"), "agentSecret",
                        redeemed.<String>path("credentials.agentSecret")))
                .post("/api/v1/agent/token").then().statusCode(200).extract().path("accessToken");
        return new String[]{id, token};
    }

    private static Map<String, Object> report(boolean applying) {
        Map<String, Object> report = new HashMap<>();
        report.put("applying", applying);
        return report;
    }

    private static Response publicReport(String id, Map<String, Object> report) {
        return given().contentType(ContentType.JSON).body(report).post("/internal/v1/connections/{id}/sync-report", id);
    }

    private static Response privateReport(String id, String token, Map<String, Object> report) {
        RequestSpecification request = Operators.anonymous().contentType(ContentType.JSON).body(report);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.post("/api/v1/connections/{id}/agent/sync-report", id);
    }

    private static Map<String, Object> done(String commandId, boolean ok, String message, String twinId) {
        Map<String, Object> result = new HashMap<>();
        result.put("commandId", commandId);
        result.put("ok", ok);
        result.put("message", message);
        result.put("twinId", twinId);
        return result;
    }

    private static Map<String, Object> twin(String twinId, String localKey, String remoteKey, String state) {
        Map<String, Object> twin = new HashMap<>();
        twin.put("twinId", twinId);
        twin.put("localKey", localKey);
        twin.put("remoteKey", remoteKey);
        twin.put("state", state);
        twin.put("lastSyncAt", "2026-11-23T10:00:00Z");
        return twin;
    }

    @Test
    void triggersAreKeptOverRestAndHandedToThePublicAgentOnly() {
        String[] connection = acceptedConnection();
        String id = connection[0];
        Response created = given().contentType(ContentType.JSON).body(Map.of("query", "tag:'twinline-sync'", "description", "synced tag"))
                .post("/api/v1/connections/{id}/triggers", id);
        created.then().statusCode(201).header("Location", containsString("/triggers/"))
                .body("query", equalTo("tag:'twinline-sync'")).body("description", equalTo("synced tag"));
        String triggerId = created.path("id");
        given().get("/api/v1/connections/{id}/triggers", id).then().statusCode(200).body("id", equalTo(List.of(triggerId)));

        given().contentType(ContentType.JSON).body(Map.of("query", "  ")).post("/api/v1/connections/{id}/triggers", id)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", containsString("query"));
        given().contentType(ContentType.JSON).body(Map.of("query", "priority:4"))
                .post("/api/v1/connections/{id}/triggers", UUID.randomUUID()).then().statusCode(404);
        given().get("/api/v1/connections/{id}/triggers", id).then().body("$", hasSize(1));

        publicReport(id, report(true)).then().statusCode(200).body("status", equalTo("ACTIVE"))
                .body("triggers", equalTo(List.of("tag:'twinline-sync'"))).body("commands", empty());
        // The private side keeps its own triggers in its configuration: it is never shown the public side's.
        privateReport(id, connection[1], report(true)).then().statusCode(200).body("triggers", empty());

        given().delete("/api/v1/connections/{id}/triggers/{tid}", id, triggerId).then().statusCode(204);
        given().delete("/api/v1/connections/{id}/triggers/{tid}", id, triggerId).then().statusCode(404)
                .contentType("application/problem+json");
        publicReport(id, report(true)).then().body("triggers", empty());
    }

    @Test
    void aBulkSyncIsCarriedOutByThePublicAgentWithProgressReadableWhileItRuns() {
        String pending = pendingConnection();
        String pendingTrigger = given().contentType(ContentType.JSON).body(Map.of("query", "status:2"))
                .post("/api/v1/connections/{id}/triggers", pending).then().statusCode(201).extract().path("id");
        given().post("/api/v1/connections/{id}/triggers/{tid}/bulk-sync", pending, pendingTrigger).then().statusCode(409)
                .body("code", equalTo("CONNECTION_NOT_ACCEPTED"));

        String id = acceptedConnection()[0];
        String triggerId = given().contentType(ContentType.JSON).body(Map.of("query", "status:2"))
                .post("/api/v1/connections/{id}/triggers", id).then().statusCode(201).extract().path("id");
        given().get("/api/v1/connections/{id}/triggers/{tid}/bulk-sync", id, triggerId).then().statusCode(404);
        String bulkId = given().post("/api/v1/connections/{id}/triggers/{tid}/bulk-sync", id, triggerId).then().statusCode(202)
                .body("state", equalTo("REQUESTED")).body("done", equalTo(0)).body("total", nullValue())
                .extract().path("id");

        Response answer = publicReport(id, report(true));
        answer.then().body("commands", hasSize(1)).body("commands[0].type", equalTo("BULK_SYNC"))
                .body("commands[0].query", equalTo("status:2")).body("commands[0].bulkSyncId", equalTo(bulkId));
        String commandId = answer.path("commands[0].id");

        Map<String, Object> running = report(true);
        running.put("bulkSyncs", List.of(Map.of("bulkSyncId", bulkId, "done", 3, "total", 10, "state", "RUNNING")));
        publicReport(id, running).then().statusCode(200).body("commands", hasSize(1)); // not done yet: still pending
        given().get("/api/v1/connections/{id}/triggers/{tid}/bulk-sync", id, triggerId).then().statusCode(200)
                .body("id", equalTo(bulkId)).body("state", equalTo("RUNNING")).body("done", equalTo(3)).body("total", equalTo(10));

        Map<String, Object> finished = report(true);
        finished.put("bulkSyncs", List.of(Map.of("bulkSyncId", bulkId, "done", 10, "total", 10, "state", "DONE")));
        finished.put("completedCommands", List.of(done(commandId, true, "10 ticket(s)", null)));
        publicReport(id, finished).then().statusCode(200).body("commands", empty());
        given().get("/api/v1/connections/{id}/triggers/{tid}/bulk-sync", id, triggerId).then()
                .body("state", equalTo("DONE")).body("done", equalTo(10)).body("total", equalTo(10));
    }

    @Test
    void syncingOneTicketAndUnsyncingItGoThroughThePublicAgentAndBothSidesReport() {
        String pending = pendingConnection();
        given().contentType(ContentType.JSON).body(Map.of("localKey", "42")).post("/api/v1/connections/{id}/twins", pending)
                .then().statusCode(409).body("code", equalTo("CONNECTION_NOT_ACCEPTED"));

        String[] connection = acceptedConnection();
        String id = connection[0];
        given().contentType(ContentType.JSON).body(Map.of("localKey", "")).post("/api/v1/connections/{id}/twins", id)
                .then().statusCode(400).body("errors[0].field", containsString("localKey"));

        Response requested = given().contentType(ContentType.JSON).body(Map.of("localKey", "42")).post("/api/v1/connections/{id}/twins", id);
        requested.then().statusCode(202).header("Location", containsString("/twins/")).body("state", equalTo("REQUESTED"))
                .body("publicKey", equalTo("42"));
        String twinId = requested.path("twinId");
        // Asking again for the same ticket gives the same twin.
        given().contentType(ContentType.JSON).body(Map.of("localKey", "42")).post("/api/v1/connections/{id}/twins", id)
                .then().statusCode(200).body("twinId", equalTo(twinId));

        Response answer = publicReport(id, report(true));
        answer.then().body("commands", hasSize(1)).body("commands[0].type", equalTo("SYNC"))
                .body("commands[0].localKey", equalTo("42")).body("commands[0].twinId", equalTo(twinId));
        privateReport(id, connection[1], report(true)).then().body("commands", empty());

        Map<String, Object> synced = report(true);
        synced.put("twins", List.of(twin(twinId, "42", null, "ACTIVE")));
        synced.put("completedCommands", List.of(done(answer.<String>path("commands[0].id"), true, "synced", twinId)));
        publicReport(id, synced).then().body("commands", empty());
        given().get("/api/v1/connections/{id}/twins/{tid}", id, twinId).then().body("state", equalTo("SYNCING"));

        Map<String, Object> created = report(true);
        created.put("twins", List.of(twin(twinId, "TEST-7", "42", "ACTIVE")));
        privateReport(id, connection[1], created).then().statusCode(200);
        given().get("/api/v1/connections/{id}/twins", id).then().statusCode(200).body("$", hasSize(1))
                .body("[0].twinId", equalTo(twinId)).body("[0].state", equalTo("SYNCED"))
                .body("[0].publicKey", equalTo("42")).body("[0].privateKey", equalTo("TEST-7"))
                .body("[0].publicSide.lastSyncAt", equalTo("2026-11-23T10:00:00Z"))
                .body("[0].privateSide.state", equalTo("ACTIVE"));

        given().delete("/api/v1/connections/{id}/twins/{tid}", id, twinId).then().statusCode(202).body("state", equalTo("UNSYNCING"));
        Response unsync = publicReport(id, report(true));
        unsync.then().body("commands[0].type", equalTo("UNSYNC")).body("commands[0].twinId", equalTo(twinId));
        Map<String, Object> stopped = report(true);
        stopped.put("twins", List.of(twin(twinId, "42", "TEST-7", "UNSYNCED")));
        stopped.put("completedCommands", List.of(done(unsync.<String>path("commands[0].id"), true, "unsynced", twinId)));
        publicReport(id, stopped);
        given().get("/api/v1/connections/{id}/twins/{tid}", id, twinId).then().body("state", equalTo("UNSYNCING"));
        Map<String, Object> stoppedToo = report(true);
        stoppedToo.put("twins", List.of(twin(twinId, "TEST-7", "42", "UNSYNCED")));
        privateReport(id, connection[1], stoppedToo);
        given().get("/api/v1/connections/{id}/twins/{tid}", id, twinId).then().body("state", equalTo("UNSYNCED"));

        // A ticket the public agent cannot find: the request fails with the agent's reason.
        String missing = given().contentType(ContentType.JSON).body(Map.of("localKey", "999")).post("/api/v1/connections/{id}/twins", id)
                .then().statusCode(202).extract().path("twinId");
        Response missingAnswer = publicReport(id, report(true));
        Map<String, Object> failed = report(true);
        failed.put("completedCommands", List.of(done(missingAnswer.<String>path("commands[0].id"), false, "ticket 999 was not found", missing)));
        publicReport(id, failed);
        given().get("/api/v1/connections/{id}/twins/{tid}", id, missing).then().body("state", equalTo("FAILED"))
                .body("error", equalTo("ticket 999 was not found"));
        given().get("/api/v1/connections/{id}/twins/{tid}", id, "no-such-twin").then().statusCode(404);
    }

    @Test
    void errorsAreThoseTheAgentsParkedAndARetryGoesToTheSideThatParkedIt() {
        String[] connection = acceptedConnection();
        String id = connection[0];
        Map<String, Object> parked = report(true);
        Map<String, Object> error = new HashMap<>();
        error.put("parkedId", 7);
        error.put("twinId", "twin-a");
        error.put("message", "incoming rules failed at line 2: unknown customer");
        error.put("direction", "incoming");
        error.put("line", 2);
        error.put("attempts", 3);
        error.put("parkedAt", "2026-11-23T10:00:00Z");
        parked.put("errors", List.of(error));
        privateReport(id, connection[1], parked).then().statusCode(200);

        Response errors = given().get("/api/v1/connections/{id}/errors", id);
        errors.then().statusCode(200).body("$", hasSize(1)).body("[0].twinId", equalTo("twin-a")).body("[0].side", equalTo("PRIVATE"))
                .body("[0].message", equalTo("incoming rules failed at line 2: unknown customer"))
                .body("[0].direction", equalTo("incoming")).body("[0].line", equalTo(2)).body("[0].attempts", equalTo(3));
        String errorId = errors.path("[0].id");
        // Reported again unchanged: still one error, same id.
        privateReport(id, connection[1], parked);
        given().get("/api/v1/connections/{id}/errors", id).then().body("id", equalTo(List.of(errorId)));

        given().post("/api/v1/connections/{id}/errors/{eid}/retry", id, UUID.randomUUID()).then().statusCode(404);
        given().post("/api/v1/connections/{id}/errors/{eid}/retry", id, errorId).then().statusCode(202)
                .body("retryRequestedAt", org.hamcrest.Matchers.notNullValue());
        publicReport(id, report(true)).then().body("commands", empty());
        privateReport(id, connection[1], report(true)).then().body("commands", hasSize(1))
                .body("commands[0].type", equalTo("RETRY")).body("commands[0].twinId", equalTo("twin-a"))
                .body("commands[0].parkedId", equalTo(7));

        Map<String, Object> cleared = report(true);
        cleared.put("errors", List.of());
        privateReport(id, connection[1], cleared);
        given().get("/api/v1/connections/{id}/errors", id).then().body("$", empty());
    }

    @Test
    void anAgentReportsOnlyForItsOwnConnection() {
        String[] mine = acceptedConnection();
        String[] theirs = acceptedConnection();
        privateReport(mine[0], null, report(true)).then().statusCode(401);
        privateReport(theirs[0], mine[1], report(true)).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"applying\": \"maybe\"}")
                .post("/internal/v1/connections/{id}/sync-report", mine[0]).then().statusCode(400);
        publicReport(UUID.randomUUID().toString(), report(true)).then().statusCode(404);
    }

    @Test
    void theQueueShowsWhatEachReceiverHasNotAppliedAndWhetherItApplies() throws Exception {
        String[] connection = acceptedConnection();
        String id = connection[0];
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        String toPrivate = "twinline.sync." + id + ".to-private";
        int partition = -1;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                partition = producer.send(new ProducerRecord<>(toPrivate, "one-twin", "{}")).get().partition(); // one twin: one partition
            }
        }
        given().get("/api/v1/connections/{id}/queue", id).then().statusCode(200).body("status", equalTo("ACTIVE"))
                .body("toPrivate.pending", equalTo(3)).body("toPublic.pending", equalTo(0))
                .body("toPrivate.receiverApplying", nullValue());

        // The private agent applied the first two (committed in its group) and then the connection was deactivated.
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "twinline-agent-" + id + "-private"), new StringDeserializer(), new StringDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(toPrivate, partition), new OffsetAndMetadata(2)));
        }
        given().post("/api/v1/connections/{id}/deactivate", id).then().statusCode(200);
        privateReport(id, connection[1], report(true)).then().body("status", equalTo("DEACTIVATED"));
        privateReport(id, connection[1], report(false));
        given().get("/api/v1/connections/{id}/queue", id).then().body("status", equalTo("DEACTIVATED"))
                .body("toPrivate.pending", equalTo(1)).body("toPrivate.receiverApplying", equalTo(false))
                .body("toPrivate.parked", equalTo(0));
        given().post("/api/v1/connections/{id}/activate", id).then().statusCode(200);
        privateReport(id, connection[1], report(false)).then().body("status", equalTo("ACTIVE"));
        given().get("/api/v1/connections/{id}/queue", UUID.randomUUID()).then().statusCode(404);
    }
}
