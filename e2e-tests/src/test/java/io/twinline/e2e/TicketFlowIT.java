package io.twinline.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.twinline.core.rules.DefaultRules;
import io.twinline.core.rules.Direction;
import io.twinline.simulator.TrackerSimulator;
import io.twinline.testkit.ServiceProcess;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Tickets flow both ways over a private connection. Every Twinline part is a separate process; the trackers are the
 * simulators, driven over their own APIs; Kafka and PostgreSQL are real.
 */
class TicketFlowIT {

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

    @BeforeEach
    void freshTrackers() {
        trackers.reset(); // a new connection's trigger would otherwise also pick up an earlier test's tickets
    }

    @Test
    void ticketsFlowBothWaysExactlyOnceWithoutEcho(@TempDir Path privateState, @TempDir Path publicState) {
        String[] connection = initiate();
        String id = connection[0];
        ServiceProcess privateAgent = startJiraAgent(connection[1], privateState, "flow-private-agent.log", Map.of());
        ServiceProcess publicAgent = null;
        try {
            publicAgent = startFreshdeskAgent(id, publicState, "flow-public-agent.log");
            String summary = "Printer on fire " + UUID.randomUUID().toString().substring(0, 8);
            int ticketId = createFreshdeskTicket(summary);

            String issueKey = awaitSingleJiraIssue(summary);
            jira().get("/rest/api/2/issue/{key}", issueKey).then().statusCode(200)
                    .body("fields.description", containsString("Smoke from tray 2"));

            jira().body(Map.of("body", "Replaced the fuser unit")).post("/rest/api/2/issue/{key}/comment", issueKey)
                    .then().statusCode(201);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(freshdeskNotes(ticketId)).anySatisfy(body -> assertThat(body).contains("Replaced the fuser unit")));

            // Settled: the applied changes do not come back (no echo) and nothing is duplicated.
            sleep(Duration.ofSeconds(5));
            assertSettled(summary, issueKey, ticketId);

            // Exactly-once effect: every replica of both directions delivered again changes nothing.
            String toPrivate = "twinline.sync." + id + ".to-private";
            String toPublic = "twinline.sync." + id + ".to-public";
            int replayed = replay(toPrivate) + replay(toPublic);
            assertThat(replayed).isGreaterThanOrEqualTo(2);
            sleep(Duration.ofSeconds(5));
            assertSettled(summary, issueKey, ticketId);

            // A burst of 50 edits in Freshdesk reaches Jira and sends nothing back.
            long backBefore = recordCount(toPublic);
            for (int i = 1; i <= 50; i++) {
                freshdesk().body(Map.of("description", "<p>Smoke from tray 2, edit " + i + "</p>"))
                        .put("/api/v2/tickets/{id}", ticketId).then().statusCode(200);
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> jira().get("/rest/api/2/issue/{key}", issueKey)
                    .then().body("fields.description", containsString("edit 50")));
            sleep(Duration.ofSeconds(5));
            assertThat(recordCount(toPublic)).isEqualTo(backBefore);
            assertSettled(summary, issueKey, ticketId);
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    @Test
    void commentEditsAndDeletionsAreMirroredWithoutDuplicates(@TempDir Path privateState, @TempDir Path publicState) {
        String[] connection = initiate();
        String hookSecret = "comment-hook-secret-0123456789";
        ServiceProcess privateAgent = startJiraAgent(connection[1], privateState, "comments-private-agent.log",
                Map.of("twinline.agent.sync.webhook-secret", hookSecret));
        ServiceProcess publicAgent = null;
        try {
            publicAgent = startFreshdeskAgent(connection[0], publicState, "comments-public-agent.log");
            String summary = "Comment mirror " + UUID.randomUUID().toString().substring(0, 8);
            int ticketId = createFreshdeskTicket(summary);
            String issueKey = awaitSingleJiraIssue(summary);

            String commentId = jira().body(Map.of("body", "First diagnosis: toner"))
                    .post("/rest/api/2/issue/{key}/comment", issueKey).then().statusCode(201).extract().path("id");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(freshdeskNotes(ticketId)).singleElement().satisfies(n -> assertThat(n).contains("First diagnosis: toner")));

            // Edited on the Jira side: the note follows, still one note.
            jira().body(Map.of("body", "Second diagnosis: fuser")).put("/rest/api/2/issue/{key}/comment/{cid}", issueKey, commentId)
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(freshdeskNotes(ticketId)).singleElement().satisfies(n -> assertThat(n).contains("Second diagnosis: fuser")));

            // A Freshdesk note arrives in Jira once; then the Jira comment is deleted: its mirror goes, the other stays.
            freshdesk().body(Map.of("body", "<p>Customer confirms the fuser</p>", "private", false))
                    .post("/api/v2/tickets/{id}/notes", ticketId).then().statusCode(201);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jiraCommentBodies(issueKey))
                    .anySatisfy(b -> assertThat(b).contains("Customer confirms the fuser")).hasSize(2));
            // Deleted right after its mirror appeared, possibly while the agent is still applying; the partner's Jira
            // also sends its comment_deleted webhook to the agent, which re-reads the issue at once.
            jira().delete("/rest/api/2/issue/{key}/comment/{cid}", issueKey, commentId).then().statusCode(204);
            given().baseUri(privateAgent.baseUrl()).port(-1).contentType(ContentType.JSON).queryParam("secret", hookSecret)
                    .body(Map.of("webhookEvent", "comment_deleted", "issue", Map.of("key", issueKey)))
                    .post("/webhooks/jira").then().statusCode(202);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(freshdeskNotes(ticketId))
                    .singleElement().satisfies(n -> assertThat(n).contains("Customer confirms the fuser")));
            sleep(Duration.ofSeconds(4));
            assertThat(jiraCommentBodies(issueKey)).singleElement().satisfies(b -> assertThat(b).contains("Customer confirms the fuser"));
            assertThat(freshdeskNotes(ticketId)).hasSize(1);
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    private static List<String> jiraCommentBodies(String issueKey) {
        return jira().get("/rest/api/2/issue/{key}/comment", issueKey).then().statusCode(200).extract().path("comments.body");
    }

    @Test
    void noDuplicateWhenThePrivateAgentDiesBetweenCreatingAndRecording(@TempDir Path privateState, @TempDir Path publicState) {
        String[] connection = initiate();
        ServiceProcess crashing = startJiraAgent(connection[1], privateState, "crash-private-agent-1.log",
                Map.of("twinline.agent.fault-injection", "halt-after-create"));
        ServiceProcess publicAgent = null;
        ServiceProcess restarted = null;
        try {
            publicAgent = startFreshdeskAgent(connection[0], publicState, "crash-public-agent.log");
            String summary = "Crash test " + UUID.randomUUID().toString().substring(0, 8);
            createFreshdeskTicket(summary);

            // The agent halts right after Jira created the issue, before its ledger recorded it.
            assertThat(crashing.awaitExit(Duration.ofSeconds(60))).isEqualTo(137);
            assertThat(jiraIssuesWithSummary(summary)).hasSize(1);

            restarted = startJiraAgent("", privateState, "crash-private-agent-2.log", Map.of());
            // The replica comes again (its offset was never committed); the twin marker finds the issue.
            sleep(Duration.ofSeconds(8));
            String issueKey = awaitSingleJiraIssue(summary);
            assertThat(jiraIssuesWithSummary(summary)).hasSize(1);
            assertThat(restarted.logTail()).doesNotContain("created from");
            jira().get("/rest/api/2/issue/{key}", issueKey).then().statusCode(200);
        } finally {
            if (restarted != null) {
                restarted.close();
            }
            if (publicAgent != null) {
                publicAgent.close();
            }
            crashing.kill();
        }
    }

    @Test
    void aFailingTwinIsParkedWithoutHoldingUpOthersAndAppliedOnceTheRulesAreFixed(@TempDir Path privateState,
                                                                                @TempDir Path publicState) throws Exception {
        String defaults = DefaultRules.text("jira", Direction.INCOMING);
        Path rules = privateState.resolveSibling(privateState.getFileName() + "-incoming.groovy");
        Files.writeString(rules, "if (replica.summary?.contains('poison')) {\n"
                + "    throw new com.exalate.api.exception.IssueTrackerException('poisoned ticket refused')\n}\n" + defaults);
        String[] connection = initiate();
        ServiceProcess privateAgent = startJiraAgent(connection[1], privateState, "park-private-agent.log",
                Map.of("twinline.agent.sync.incoming-rules", rules.toString(), "twinline.agent.sync.retry-interval", "2s"));
        ServiceProcess publicAgent = null;
        try {
            publicAgent = startFreshdeskAgent(connection[0], publicState, "park-public-agent.log");
            String poisoned = "poison pill " + UUID.randomUUID().toString().substring(0, 8);
            String healthy = "healthy ticket " + UUID.randomUUID().toString().substring(0, 8);
            createFreshdeskTicket(poisoned);
            createFreshdeskTicket(healthy);

            awaitSingleJiraIssue(healthy);
            sleep(Duration.ofSeconds(3));
            assertThat(jiraIssuesWithSummary(poisoned)).isEmpty();
            assertThat(privateAgent.logTail()).contains("parked").contains("poisoned ticket refused");

            // The partner fixes its rules: the file is re-read and the parked replica is applied, once.
            Files.writeString(rules, defaults);
            Files.setLastModifiedTime(rules, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(5)));
            awaitSingleJiraIssue(poisoned);
            sleep(Duration.ofSeconds(3));
            assertThat(jiraIssuesWithSummary(poisoned)).hasSize(1);
            assertThat(jiraIssuesWithSummary(healthy)).hasSize(1);
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    @Test
    void aFreshdeskWebhookSyncsAChangeWithoutWaitingForThePoll(@TempDir Path privateState, @TempDir Path publicState) {
        String[] connection = initiate();
        ServiceProcess privateAgent = startJiraAgent(connection[1], privateState, "webhook-private-agent.log", Map.of());
        ServiceProcess publicAgent = null;
        try {
            publicAgent = startFreshdeskAgent(connection[0], publicState, "webhook-public-agent.log",
                    Map.of("twinline.agent.tracker.poll-interval", "10m", "twinline.agent.sync.webhook-secret", "hook-secret-0123456789"));
            String summary = "Webhook ticket " + UUID.randomUUID().toString().substring(0, 8);
            int ticketId = createFreshdeskTicket(summary);
            String agent = publicAgent.baseUrl();
            String body = "{\"freshdesk_webhook\": {\"ticket_id\": \"" + ticketId + "\"}}";

            given().baseUri(agent).port(-1).contentType(ContentType.JSON).header("X-Twinline-Webhook-Secret", "wrong")
                    .body(body).post("/webhooks/freshdesk").then().statusCode(401).contentType("application/problem+json");
            given().baseUri(agent).port(-1).contentType(ContentType.JSON).header("X-Twinline-Webhook-Secret", "hook-secret-0123456789")
                    .body("{}").post("/webhooks/freshdesk").then().statusCode(400);
            sleep(Duration.ofSeconds(3));
            assertThat(jiraIssuesWithSummary(summary)).isEmpty(); // no poll comes for ten minutes

            given().baseUri(agent).port(-1).contentType(ContentType.JSON).header("X-Twinline-Webhook-Secret", "hook-secret-0123456789")
                    .body(body).post("/webhooks/freshdesk").then().statusCode(202);
            awaitSingleJiraIssue(summary);
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    @Test
    void thePublicAgentRunsTheRulesOperatorsSavedInConnectionService(@TempDir Path privateState, @TempDir Path publicState) {
        String[] connection = initiate();
        String api = publicSide.connectionService.baseUrl();
        String rules = DefaultRules.text("freshdesk", Direction.OUTGOING) + "\nreplica.summary = '[ACME] ' + replica.summary\n";
        publicSide.operator().contentType(ContentType.TEXT).body(rules)
                .put("/api/v1/connections/{id}/rules/outgoing", connection[0]).then().statusCode(200);
        ServiceProcess privateAgent = startJiraAgent(connection[1], privateState, "rules-private-agent.log", Map.of());
        ServiceProcess publicAgent = null;
        try {
            publicAgent = startFreshdeskAgent(connection[0], publicState, "rules-public-agent.log",
                    Map.of("twinline.agent.sync.rules-api", api));
            String summary = "Rules from the API " + UUID.randomUUID().toString().substring(0, 8);
            createFreshdeskTicket(summary);
            awaitSingleJiraIssue("[ACME] " + summary);
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    // ---- the parts

    /** Initiates a connection; returns its id and invitation code. */
    private static String[] initiate() {
        return E2eParts.initiate(publicSide, "e2e flow");
    }

    private static ServiceProcess startJiraAgent(String code, Path state, String log, Map<String, String> extra) {
        Map<String, String> jiraSide = E2eParts.jiraAgentSettings(trackers);
        jiraSide.putAll(extra);
        return publicSide.startAgent("partner", code, state, log, jiraSide);
    }

    private static ServiceProcess startFreshdeskAgent(String connectionId, Path state, String log) {
        return startFreshdeskAgent(connectionId, state, log, Map.of());
    }

    private static ServiceProcess startFreshdeskAgent(String connectionId, Path state, String log, Map<String, String> extra) {
        Map<String, String> freshdeskSide = E2eParts.freshdeskAgentSettings(publicSide, trackers, connectionId);
        freshdeskSide.put("twinline.agent.sync.triggers", "tag:'" + TRIGGER_TAG + "'");
        freshdeskSide.putAll(extra);
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

    private static void assertSettled(String summary, String issueKey, int ticketId) {
        assertThat(jiraIssuesWithSummary(summary)).hasSize(1);
        jira().get("/rest/api/2/issue/{key}/comment", issueKey).then().body("total", equalTo(1));
        assertThat(freshdeskNotes(ticketId)).hasSize(1);
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

    private static KafkaConsumer<String, String> consumer() {
        return E2eParts.consumer(publicSide);
    }

    private static long recordCount(String topic) {
        return E2eParts.recordCount(publicSide, topic);
    }

    /** Sends every record of the topic again, as an at-least-once redelivery would. */
    private static int replay(String topic) {
        return E2eParts.replay(publicSide, topic);
    }

    private static void sleep(Duration d) {
        E2eParts.sleep(d);
    }
}
