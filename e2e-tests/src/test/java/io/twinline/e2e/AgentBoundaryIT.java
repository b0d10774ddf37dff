package io.twinline.e2e;

import io.twinline.core.invitation.InvitationCode;
import io.twinline.core.model.Side;
import io.twinline.core.replica.Replica;
import io.twinline.core.replica.ReplicaEnvelope;
import io.twinline.core.sync.SyncTopics;
import io.twinline.simulator.TrackerSimulator;
import io.twinline.testkit.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The partner's agent at the boundary: it refuses an altered or plain-http invitation before sending anything, applies
 * only replicas meant for its own connection from the other side, and never runs a query or command in its tracker
 * that its own configuration did not allow.
 */
class AgentBoundaryIT {

    private static PublicSide publicSide;
    private static TrackerSimulator trackers;

    @BeforeAll
    static void start() {
        publicSide = PublicSide.start();
        trackers = new TrackerSimulator().start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (trackers != null) {
            trackers.stop();
        }
        if (publicSide != null) {
            publicSide.close();
        }
    }

    @Test
    void anAlteredOrPlainHttpInvitationIsRefusedBeforeAnythingIsSent(@TempDir Path altered, @TempDir Path plain) throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress("0.0.0.0", 0));
            AtomicInteger contacted = new AtomicInteger();
            Thread accepting = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket s = listener.accept()) {
                        contacted.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            accepting.setDaemon(true);
            accepting.start();
            int port = listener.getLocalPort();

            // A genuine code whose payload was edited to send the agent (and the code's secret) elsewhere.
            String[] parts = E2eParts.initiate(publicSide, "e2e altered").clone()[1].split("\\.");
            String json = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replaceAll("\"api\":\"[^\"]*\"", "\"api\":\"http://127.0.0.1:" + port + "\"")
                    .replaceAll("\"inv\":\"[^\"]*\"", "\"inv\":\"http://127.0.0.1:" + port + "\"");
            String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8))
                    + "." + parts[2] + "." + parts[3];
            assertThatThrownBy(() -> publicSide.startAgent("altered", tampered, altered, "agent-altered.log"))
                    .hasMessageContaining("exited with 2").hasMessageContaining("altered");

            // A well-sealed code naming plain http on a host that is not loopback (this machine's name, which reaches the
            // listener on every interface if the agent were to call it).
            String host = InetAddress.getLocalHost().getHostName();
            String insecure = InvitationCode.mint(new InvitationCode.Payload(InvitationCode.FORMAT_VERSION, UUID.randomUUID(),
                    UUID.randomUUID(), "plain", "acme", "http://" + host + ":" + port, "http://" + host + ":" + port,
                    Instant.now().plusSeconds(3600))).value();
            assertThatThrownBy(() -> publicSide.startAgent("plain", insecure, plain, "agent-plain.log"))
                    .hasMessageContaining("exited with 2").hasMessageContaining("https");

            assertThat(contacted.get()).as("connections made to the URLs the codes named").isZero();
        }
    }

    @Test
    void aReplicaNamingAnotherConnectionOrThisSideIsRefusedAndChangesNothing(@TempDir Path state) throws Exception {
        String[] connection = E2eParts.initiate(publicSide, "e2e admission");
        UUID id = UUID.fromString(connection[0]);
        ServiceProcess agent = publicSide.startAgent("admission", connection[1], state, "agent-admission.log",
                E2eParts.jiraAgentSettings(trackers));
        try {
            String summary = "Forged replica " + UUID.randomUUID().toString().substring(0, 8);
            Replica body = new Replica();
            body.setSummary(summary);
            body.setDescription("should never reach Jira");
            ReplicaEnvelope otherConnection = new ReplicaEnvelope(UUID.randomUUID().toString(), "twin-forged-1", Side.PUBLIC,
                    "1", 1, ReplicaEnvelope.Kind.UPSERT, body, null);
            ReplicaEnvelope wrongOrigin = new ReplicaEnvelope(id.toString(), "twin-forged-2", Side.PRIVATE, "1", 1,
                    ReplicaEnvelope.Kind.UPSERT, body, null);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    publicSide.kafka.internalBootstrap()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(SyncTopics.toPrivate(id), otherConnection.partitionKey(), otherConnection.toJson()))
                        .get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(SyncTopics.toPrivate(id), wrongOrigin.partitionKey(), wrongOrigin.toJson()))
                        .get(30, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                String metrics = given().baseUri(agent.baseUrl()).port(-1).get("/q/metrics").then().statusCode(200).extract().asString();
                assertThat(metrics).containsPattern("twinline_agent_replicas_refused_total\\{[^}]*reason=\"other-connection\"[^}]*} 1\\.0");
                assertThat(metrics).containsPattern("twinline_agent_replicas_refused_total\\{[^}]*reason=\"wrong-origin\"[^}]*} 1\\.0");
            });
            assertThat(E2eParts.jiraIssuesWithSummary(trackers, summary)).isEmpty();
            assertThat(agent.logTail()).doesNotContain("should never reach Jira").doesNotContain(summary);
        } finally {
            agent.close();
        }
    }

    @Test
    void aPrivateAgentDoesNotRunThePublicSidesBulkSyncOrSyncRequests(@TempDir Path state) throws Exception {
        String[] connection = E2eParts.initiate(publicSide, "e2e sovereign");
        UUID id = UUID.fromString(connection[0]);
        Map<String, String> settings = new HashMap<>(E2eParts.jiraAgentSettings(trackers));
        settings.put("twinline.agent.tracker.poll-interval", "10m"); // one poll at start, then none during the test
        ServiceProcess agent = publicSide.startAgent("sovereign", connection[1], state, "agent-sovereign.log", settings);
        try {
            String key = E2eParts.jira(trackers).body(Map.of("fields", Map.of("project", Map.of("key", "TEST"), "summary",
                    "Private ticket", "issuetype", Map.of("name", "Task")))).post("/rest/api/2/issue").then().statusCode(201)
                    .extract().path("key");
            long before = jiraReads();
            UUID bulk = UUID.randomUUID();
            UUID sync = UUID.randomUUID();
            // What a public side could ask (its own API never does): a bulk sync over, and a sync of, the private tracker.
            try (Connection db = DriverManager.getConnection(publicSide.postgres.jdbcUrl(), publicSide.postgres.user(),
                    publicSide.postgres.password())) {
                insertCommand(db, bulk, id, "BULK_SYNC", null, "project = TEST");
                insertCommand(db, sync, id, "SYNC", key, null);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(outcome(db, bulk)).startsWith("failed").contains("refused by the partner's agent");
                    assertThat(outcome(db, sync)).startsWith("failed").contains("refused by the partner's agent");
                });
            }
            assertThat(jiraReads()).as("Jira searches and issue reads after the requests").isEqualTo(before);
        } finally {
            agent.close();
        }
    }

    private static long jiraReads() {
        var counters = trackers.counters();
        return counters.count("jira", "GET /rest/api/2/search") + counters.count("jira", "POST /rest/api/2/search")
                + counters.count("jira", "GET /rest/api/2/issue/:key");
    }

    private static void insertCommand(Connection db, UUID commandId, UUID connectionId, String type, String localKey, String query)
            throws Exception {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO connection.agent_command (id, connection_id, side, type, "
                + "twin_id, local_key, bulk_sync_id, query, created_at) VALUES (?, ?, 'PRIVATE', ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, commandId);
            ps.setObject(2, connectionId);
            ps.setString(3, type);
            ps.setString(4, localKey == null ? null : "twin-" + commandId);
            ps.setString(5, localKey);
            ps.setObject(6, query == null ? null : UUID.randomUUID());
            ps.setString(7, query);
            ps.setTimestamp(8, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    private static String outcome(Connection db, UUID commandId) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("SELECT outcome FROM connection.agent_command WHERE id = ?")) {
            ps.setObject(1, commandId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
            }
        }
    }
}
