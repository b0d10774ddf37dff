package io.twinline.e2e;

import io.restassured.specification.RequestSpecification;
import io.twinline.core.model.Attachment;
import io.twinline.core.replica.Replica;
import io.twinline.core.replica.ReplicaEnvelope;
import io.twinline.simulator.TrackerSimulator;
import io.twinline.testkit.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attachments arrive intact, checked by hash: the bytes travel through connection-service's attachment store (never
 * inside a Kafka record), the replica carries their SHA-256, and the receiving agent checks it before attaching.
 * Every Twinline part is a separate process; the trackers are the simulators, driven over their own APIs; Kafka and
 * PostgreSQL are real. (Helpers are copied from TicketFlowIT on purpose, to keep the two tests independent.)
 */
class AttachmentFlowIT {

    private static final String TRIGGER_TAG = "twinline-sync";

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
    void attachmentsArriveIntactBothWaysOnceAndCorruptBytesAreNeverAttached(@TempDir Path privateState,
                                                                           @TempDir Path publicState) throws Exception {
        String[] connection = initiate();
        String id = connection[0];
        ServiceProcess privateAgent = startJiraAgent(connection[1], privateState, "attachments-private-agent.log");
        ServiceProcess publicAgent = null;
        try {
            publicAgent = startFreshdeskAgent(id, publicState, "attachments-public-agent.log");

            // A Freshdesk ticket created with an attachment (binary, every byte value) arrives in Jira byte for byte.
            byte[] photo = randomBytes(300_000, 42);
            String summary = "Broken screen " + UUID.randomUUID().toString().substring(0, 8);
            int ticketId = freshdeskMultipart().multiPart("subject", summary)
                    .multiPart("description", "<p>See the photo</p>").multiPart("requester_id", "101")
                    .multiPart("status", "2").multiPart("priority", "2").multiPart("tags[]", TRIGGER_TAG)
                    .multiPart("attachments[]", "screen.bin", photo, "application/octet-stream")
                    .post("/api/v2/tickets").then().statusCode(201).extract().path("id");
            String issueKey = awaitSingleJiraIssue(summary);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jiraAttachments(issueKey)).hasSize(1));
            Map<String, Object> inJira = jiraAttachments(issueKey).get(0);
            assertThat(inJira.get("filename")).isEqualTo("screen.bin");
            assertThat(sha256(jiraContent(inJira))).isEqualTo(sha256(photo));

            // A Jira attachment added later arrives in Freshdesk intact, and the Jira copy of the Freshdesk one does
            // not come back.
            byte[] log = ("2030-01-01 fuser overheated\n" + "x".repeat(5000) + "\nü€ done").getBytes(StandardCharsets.UTF_8);
            jiraMultipart().multiPart("file", "printer.log", log, "text/plain")
                    .post("/rest/api/2/issue/{key}/attachments", issueKey).then().statusCode(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(freshdeskAttachments(ticketId)).hasSize(2));
            Map<String, Object> inFreshdesk = freshdeskAttachments(ticketId).stream()
                    .filter(a -> "printer.log".equals(a.get("name"))).findFirst().orElseThrow();
            assertThat(sha256(freshdeskContent(inFreshdesk))).isEqualTo(sha256(log));

            // Settled: nothing duplicated on either side.
            sleep(Duration.ofSeconds(5));
            assertAttachments(issueKey, ticketId);

            // A further sync of the ticket (an edit) and a redelivery of every replica both ways add nothing.
            freshdesk().body(Map.of("description", "<p>See the photo, please</p>")).put("/api/v2/tickets/{id}", ticketId)
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat((String) jira()
                    .get("/rest/api/2/issue/{key}", issueKey).then().extract().path("fields.description")).contains("please"));
            String toPrivate = "twinline.sync." + id + ".to-private";
            String toPublic = "twinline.sync." + id + ".to-public";
            assertThat(replay(toPrivate) + replay(toPublic)).isGreaterThanOrEqualTo(2);
            sleep(Duration.ofSeconds(6));
            assertAttachments(issueKey, ticketId);

            // The bytes never travel inside a Kafka record: the replicas carry the hash only.
            for (String topic : List.of(toPrivate, toPublic)) {
                for (ConsumerRecord<String, String> r : records(topic)) {
                    assertThat(r.value().length()).isLessThan(20_000);
                    ReplicaEnvelope envelope = ReplicaEnvelope.fromJson(r.value());
                    if (envelope.body() != null) {
                        envelope.body().getAttachments().forEach(a -> {
                            assertThat(a.getHash()).startsWith("sha256:");
                            assertThat(a.getAttributes()).doesNotContainKey("url");
                        });
                    }
                }
            }

            // A replica naming an attachment whose bytes do not match it (here: a size the stored bytes do not have)
            // fails its check: retried, then parked with a clear error, and nothing is attached.
            ReplicaEnvelope last = ReplicaEnvelope.fromJson(records(toPrivate).get(records(toPrivate).size() - 1).value());
            Replica tampered = last.body().copy();
            Attachment original = tampered.getAttachments().stream().filter(a -> "screen.bin".equals(a.getFilename()))
                    .findFirst().orElseThrow();
            Attachment forged = original.copy();
            forged.setId("999999");
            forged.setFilename("forged.bin");
            forged.setFilesize(original.getFilesize() + 1);
            tampered.getAttachments().add(forged);
            ReplicaEnvelope bad = ReplicaEnvelope.upsert(last.connectionId(), last.twinId(), last.origin(), last.localKey(),
                    last.version() + 100, tampered);
            send(toPrivate, bad);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(privateAgent.logTail())
                    .contains("parked").contains("failed its check"));
            assertAttachments(issueKey, ticketId);
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    // ---- the parts

    private static void assertAttachments(String issueKey, int ticketId) {
        assertThat(jiraAttachments(issueKey)).extracting(a -> a.get("filename"))
                .containsExactlyInAnyOrder("screen.bin", "printer.log");
        assertThat(freshdeskAttachments(ticketId)).extracting(a -> a.get("name"))
                .containsExactlyInAnyOrder("screen.bin", "printer.log");
    }

    /** Initiates a connection; returns its id and invitation code. */
    private static String[] initiate() {
        return E2eParts.initiate(publicSide, "e2e attachments");
    }

    private static ServiceProcess startJiraAgent(String code, Path state, String log) {
        Map<String, String> jiraSide = E2eParts.jiraAgentSettings(trackers);
        jiraSide.put("twinline.agent.sync.retry-interval", "1h"); // the parked replica stays parked while we look
        return publicSide.startAgent("partner", code, state, log, jiraSide);
    }

    private static ServiceProcess startFreshdeskAgent(String connectionId, Path state, String log) {
        Map<String, String> freshdeskSide = E2eParts.freshdeskAgentSettings(publicSide, trackers, connectionId);
        freshdeskSide.put("twinline.agent.sync.connection-service", publicSide.connectionService.baseUrl());
        freshdeskSide.put("twinline.agent.sync.triggers", "tag:'" + TRIGGER_TAG + "'");
        return publicSide.startAgent("acme", "", state, log, freshdeskSide);
    }

    private static String awaitSingleJiraIssue(String summary) {
        return E2eParts.awaitSingleJiraIssue(trackers, summary);
    }

    private static List<Map<String, Object>> jiraAttachments(String issueKey) {
        return jira().queryParam("fields", "attachment").get("/rest/api/2/issue/{key}", issueKey).then().statusCode(200)
                .extract().path("fields.attachment");
    }

    /** Jira serves attachment content with the API's credentials. */
    private static byte[] jiraContent(Map<String, Object> attachment) {
        return given().header("Authorization", "Bearer demo-token").get((String) attachment.get("content"))
                .then().statusCode(200).extract().asByteArray();
    }

    private static List<Map<String, Object>> freshdeskAttachments(int ticketId) {
        return freshdesk().get("/api/v2/tickets/{id}", ticketId).then().statusCode(200).extract().path("attachments");
    }

    /** Freshdesk serves attachment bytes from a pre-signed URL, without credentials. */
    private static byte[] freshdeskContent(Map<String, Object> attachment) {
        return given().get((String) attachment.get("attachment_url")).then().statusCode(200).extract().asByteArray();
    }

    private static RequestSpecification freshdesk() {
        return E2eParts.freshdesk(trackers);
    }

    private static RequestSpecification freshdeskMultipart() {
        return given().baseUri(trackers.baseUrl()).port(-1).auth().preemptive().basic("demo-key", "X");
    }

    private static RequestSpecification jira() {
        return E2eParts.jira(trackers);
    }

    private static RequestSpecification jiraMultipart() {
        return given().baseUri(trackers.baseUrl()).port(-1).header("Authorization", "Bearer demo-token")
                .header("X-Atlassian-Token", "no-check");
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static KafkaConsumer<String, String> consumer() {
        return E2eParts.consumer(publicSide);
    }

    /** Every record of the topic so far. */
    private static List<ConsumerRecord<String, String>> records(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (records.size() < total && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Sends every record of the topic again, as an at-least-once redelivery would. */
    private static int replay(String topic) {
        List<ConsumerRecord<String, String>> records = records(topic);
        try (KafkaProducer<String, String> producer = producer()) {
            for (ConsumerRecord<String, String> r : records) {
                producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
            }
            producer.flush();
        }
        return records.size();
    }

    private static void send(String topic, ReplicaEnvelope envelope) {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, envelope.partitionKey(), envelope.toJson()));
            producer.flush();
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", publicSide.kafka.internalBootstrap()),
                new StringSerializer(), new StringSerializer());
    }

    private static void sleep(Duration d) {
        E2eParts.sleep(d);
    }
}
