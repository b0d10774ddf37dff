package io.twinline.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.twinline.simulator.TrackerSimulator;
import io.twinline.testkit.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Concurrent edits on both sides of a twin converge by the documented per-field rule (sync-agent README, "Concurrent
 * edits") with a bounded number of replicas, per-twin order holds, and a Jira webhook syncs a change at once. Every
 * part is a separate process; the trackers are the simulators; Kafka and PostgreSQL are real. Helpers are copied from
 * {@link TicketFlowIT} on purpose, so the two classes can change independently.
 */
class ConcurrentEditsIT {

    private static final String TRIGGER_TAG = "twinline-sync";
    private static final String WEBHOOK_SECRET = "jira-hook-secret-0123456789";

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

    @BeforeEach
    void freshTrackers() {
        trackers.reset();
    }

    @Test
    void editsMadeOnBothSidesWhileTheAgentsAreDownConvergeByTheFieldRule(@TempDir Path privateState, @TempDir Path publicState) {
        String[] connection = initiate();
        String id = connection[0];
        String toPrivate = "twinline.sync." + id + ".to-private";
        String toPublic = "twinline.sync." + id + ".to-public";
        ServiceProcess privateAgent = startJiraAgent(connection[1], privateState, "concurrent-private-agent-1.log", Map.of());
        ServiceProcess publicAgent = startFreshdeskAgent(id, publicState, "concurrent-public-agent-1.log");
        String summary = "Concurrent " + UUID.randomUUID().toString().substring(0, 8);
        int ticketId;
        String issueKey;
        try {
            ticketId = createFreshdeskTicket(summary);
            issueKey = awaitSingleJiraIssue(summary);
            jira().get("/rest/api/2/issue/{key}", issueKey).then().statusCode(200).body("fields.priority.name", equalTo("High"));
            sleep(Duration.ofSeconds(3)); // settled: the creation's echo was suppressed
        } finally {
            publicAgent.close();
            privateAgent.close();
        }
        long toPrivateBefore = recordCount(toPrivate);
        long toPublicBefore = recordCount(toPublic);

        // Both agents are down: neither side can have seen the other's edit, whatever order they wake up in.
        String publicSummary = "Public wording " + UUID.randomUUID().toString().substring(0, 8);
        String privateSummary = "Private wording " + UUID.randomUUID().toString().substring(0, 8);
        String publicDescription = "<p>Customer says: tray 3 as well</p>";
        freshdesk().body(Map.of("subject", publicSummary, "description", publicDescription))
                .put("/api/v2/tickets/{id}", ticketId).then().statusCode(200);
        jira().body(Map.of("fields", Map.of("summary", privateSummary, "priority", Map.of("name", "Highest"))))
                .put("/rest/api/2/issue/{key}", issueKey).then().statusCode(204);

        ServiceProcess privateAgent2 = startJiraAgent("", privateState, "concurrent-private-agent-2.log", Map.of());
        ServiceProcess publicAgent2 = null;
        try {
            publicAgent2 = startFreshdeskAgent(id, publicState, "concurrent-public-agent-2.log");
            // The rule: summary changed on both sides → the public side's wins; the description (public only) and the
            // priority (private only) are no conflict → each side's change reaches the other.
            awaitConverged(issueKey, ticketId, publicSummary, publicDescription);
            assertBoundedAndQuiet(toPrivate, toPrivateBefore, toPublic, toPublicBefore);
            assertThat(jiraIssuesWithSummary(publicSummary)).hasSize(1);

            // Per-twin order: quick successive edits on one side arrive in order; the last one wins on the other side.
            for (int i = 1; i <= 6; i++) {
                jira().body(Map.of("fields", Map.of("summary", publicSummary + " / step " + i)))
                        .put("/rest/api/2/issue/{key}", issueKey).then().statusCode(204);
                sleep(Duration.ofMillis(400));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> freshdesk().get("/api/v2/tickets/{id}", ticketId)
                    .then().body("subject", equalTo(publicSummary + " / step 6")));
            sleep(Duration.ofSeconds(4));
            freshdesk().get("/api/v2/tickets/{id}", ticketId).then().body("subject", equalTo(publicSummary + " / step 6"));
            jira().get("/rest/api/2/issue/{key}", issueKey).then().body("fields.summary", equalTo(publicSummary + " / step 6"));
        } finally {
            if (publicAgent2 != null) {
                publicAgent2.close();
            }
            privateAgent2.close();
        }
    }

    /**
     * The private agent runs but polls Jira only every ten minutes, so its Jira edit is certainly not sent when the
     * public side's replica arrives: the merge keeps the unsent priority change and sends it back right away.
     */
    @Test
    void anUnsentLocalChangeSurvivesAConcurrentReplicaAndIsSentBack(@TempDir Path privateState, @TempDir Path publicState) {
        String[] connection = initiate();
        String id = connection[0];
        String toPrivate = "twinline.sync." + id + ".to-private";
        String toPublic = "twinline.sync." + id + ".to-public";
        ServiceProcess privateAgent = startJiraAgent(connection[1], privateState, "unsent-private-agent.log",
                Map.of("twinline.agent.tracker.poll-interval", "10m"));
        ServiceProcess publicAgent = null;
        try {
            publicAgent = startFreshdeskAgent(id, publicState, "unsent-public-agent.log");
            String summary = "Unsent " + UUID.randomUUID().toString().substring(0, 8);
            int ticketId = createFreshdeskTicket(summary);
            String issueKey = awaitSingleJiraIssue(summary);
            sleep(Duration.ofSeconds(3));
            long toPrivateBefore = recordCount(toPrivate);
            long toPublicBefore = recordCount(toPublic);

            String publicSummary = "Public wording " + UUID.randomUUID().toString().substring(0, 8);
            String publicDescription = "<p>Customer says: tray 4 too</p>";
            jira().body(Map.of("fields", Map.of("summary", "Private wording", "priority", Map.of("name", "Highest"))))
                    .put("/rest/api/2/issue/{key}", issueKey).then().statusCode(204);
            freshdesk().body(Map.of("subject", publicSummary, "description", publicDescription))
                    .put("/api/v2/tickets/{id}", ticketId).then().statusCode(200);

            awaitConverged(issueKey, ticketId, publicSummary, publicDescription);
            assertBoundedAndQuiet(toPrivate, toPrivateBefore, toPublic, toPublicBefore);
            assertThat(privateAgent.logTail()).contains("(unsent [summary, priority])");
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    @Test
    void aJiraWebhookSyncsAChangeWithoutWaitingForThePoll(@TempDir Path privateState, @TempDir Path publicState) {
        String[] connection = initiate();
        ServiceProcess privateAgent = startJiraAgent(connection[1], privateState, "jira-webhook-private-agent.log",
                Map.of("twinline.agent.tracker.poll-interval", "10m", "twinline.agent.sync.webhook-secret", WEBHOOK_SECRET));
        ServiceProcess publicAgent = null;
        try {
            publicAgent = startFreshdeskAgent(connection[0], publicState, "jira-webhook-public-agent.log");
            String summary = "Jira webhook " + UUID.randomUUID().toString().substring(0, 8);
            int ticketId = createFreshdeskTicket(summary);
            String issueKey = awaitSingleJiraIssue(summary); // replicas come from Kafka: no poll needed
            jira().body(Map.of("body", "Fixed by the webhook path")).post("/rest/api/2/issue/{key}/comment", issueKey)
                    .then().statusCode(201);
            String agent = privateAgent.baseUrl();
            String body = "{\"timestamp\": 1700000000000, \"webhookEvent\": \"comment_created\", "
                    + "\"comment\": {\"id\": \"1\", \"body\": \"Fixed by the webhook path\"}, \"issue\": {\"id\": \"1\", \"key\": \"" + issueKey + "\"}}";

            given().baseUri(agent).port(-1).contentType(ContentType.JSON).queryParam("secret", "wrong-secret-0123456789")
                    .body(body).post("/webhooks/jira").then().statusCode(401).contentType("application/problem+json")
                    .body("code", equalTo("UNAUTHORIZED"));
            given().baseUri(agent).port(-1).contentType(ContentType.JSON).queryParam("secret", WEBHOOK_SECRET)
                    .body("{\"webhookEvent\": \"jira:issue_updated\"}").post("/webhooks/jira").then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("MALFORMED_WEBHOOK"));
            // the Freshdesk agent has no Jira webhook
            given().baseUri(publicAgent.baseUrl()).port(-1).contentType(ContentType.JSON).queryParam("secret", WEBHOOK_SECRET)
                    .body(body).post("/webhooks/jira").then().statusCode(404).contentType("application/problem+json");
            sleep(Duration.ofSeconds(3));
            assertThat(freshdeskNotes(ticketId)).isEmpty(); // no poll comes for ten minutes

            given().baseUri(agent).port(-1).contentType(ContentType.JSON).queryParam("secret", WEBHOOK_SECRET)
                    .body(body).post("/webhooks/jira").then().statusCode(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(freshdeskNotes(ticketId)).anySatisfy(note -> assertThat(note).contains("Fixed by the webhook path")));
            assertThat(privateAgent.logTail()).doesNotContain(WEBHOOK_SECRET);
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    /** The documented result: summary on both sides → the public one; description (public) and priority (private) both kept. */
    private static void awaitConverged(String issueKey, int ticketId, String publicSummary, String publicDescription) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var issue = jira().get("/rest/api/2/issue/{key}", issueKey).then().statusCode(200).extract();
            assertThat(issue.<String>path("fields.summary")).isEqualTo(publicSummary);
            // Jira holds the description as wiki markup: the default rules convert Freshdesk's HTML paragraph to text.
            assertThat(issue.<String>path("fields.description"))
                    .isEqualTo(publicDescription.replaceAll("^<p>(.*)</p>$", "$1"));
            assertThat(issue.<String>path("fields.priority.name")).isEqualTo("Highest");
            var ticket = freshdesk().get("/api/v2/tickets/{id}", ticketId).then().statusCode(200).extract();
            assertThat(ticket.<String>path("subject")).isEqualTo(publicSummary);
            assertThat(ticket.<String>path("description")).isEqualTo(publicDescription);
            assertThat(ticket.<Integer>path("priority")).isEqualTo(4); // Urgent: Jira's Highest by the default rules
        });
    }

    /**
     * Bounded: one replica each way (each side's own edit, or the send-back of an unsent one); the order the agents
     * wake up in can add at most one more. And no ping-pong: nothing more comes while nobody edits.
     */
    private static void assertBoundedAndQuiet(String toPrivate, long toPrivateBefore, String toPublic, long toPublicBefore) {
        sleep(Duration.ofSeconds(6));
        long toPrivateAfter = recordCount(toPrivate) - toPrivateBefore;
        long toPublicAfter = recordCount(toPublic) - toPublicBefore;
        assertThat(toPrivateAfter + toPublicAfter).isBetween(2L, 3L);
        assertThat(toPrivateAfter).isBetween(1L, 2L);
        assertThat(toPublicAfter).isBetween(1L, 2L);
        sleep(Duration.ofSeconds(4));
        assertThat(recordCount(toPrivate) - toPrivateBefore).isEqualTo(toPrivateAfter);
        assertThat(recordCount(toPublic) - toPublicBefore).isEqualTo(toPublicAfter);
    }

    // ---- the parts (copied from TicketFlowIT)

    private static String[] initiate() {
        return E2eParts.initiate(publicSide, "e2e concurrent");
    }

    private static ServiceProcess startJiraAgent(String code, Path state, String log, Map<String, String> extra) {
        Map<String, String> jiraSide = E2eParts.jiraAgentSettings(trackers);
        jiraSide.putAll(extra);
        return publicSide.startAgent("partner", code, state, log, jiraSide);
    }

    private static ServiceProcess startFreshdeskAgent(String connectionId, Path state, String log) {
        Map<String, String> freshdeskSide = E2eParts.freshdeskAgentSettings(publicSide, trackers, connectionId);
        freshdeskSide.put("twinline.agent.sync.triggers", "tag:'" + TRIGGER_TAG + "'");
        return publicSide.startAgent("acme", "", state, log, freshdeskSide);
    }

    private static int createFreshdeskTicket(String summary) {
        return freshdesk().body(Map.of("subject", summary, "description", "<p>Smoke from tray 2</p>",
                        "requester_id", 101, "status", 2, "priority", 3, "tags", List.of(TRIGGER_TAG)))
                .post("/api/v2/tickets").then().statusCode(201).extract().path("id");
    }

    private static String awaitSingleJiraIssue(String summary) {
        return E2eParts.awaitSingleJiraIssue(trackers, summary);
    }

    private static RequestSpecification freshdesk() {
        return E2eParts.freshdesk(trackers);
    }

    private static RequestSpecification jira() {
        return E2eParts.jira(trackers);
    }

    private static List<String> freshdeskNotes(int ticketId) {
        return E2eParts.freshdeskNotes(trackers, ticketId);
    }

    private static List<Map<String, Object>> jiraIssuesWithSummary(String summary) {
        return E2eParts.jiraIssuesWithSummary(trackers, summary);
    }

    /** Records ever written to a topic (0 while it does not exist yet). */
    private static long recordCount(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, publicSide.kafka.internalBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> infos = consumer.listTopics().getOrDefault(topic, List.of());
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static void sleep(Duration d) {
        E2eParts.sleep(d);
    }
}
