package io.twinline.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.twinline.core.rules.DefaultRules;
import io.twinline.core.rules.Direction;
import io.twinline.simulator.TrackerSimulator;
import io.twinline.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * Operations over connection-service's REST API with both agents running as processes: triggers kept over REST and
 * their bulk sync, syncing one ticket by hand, unsyncing a twin, sync errors and their retry, and a deactivated
 * connection that queues and applies on activation. Driven only through the public REST API and the trackers' APIs.
 */
class OperationsIT {

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
    void triggersFromRestBulkSyncManualSyncAndUnsync(@TempDir Path privateState, @TempDir Path publicState) {
        String tag = "ops-" + UUID.randomUUID().toString().substring(0, 6);
        String[] connection = initiate();
        String id = connection[0];
        // Tickets that exist before any trigger: only a bulk sync brings them in.
        List<String> earlier = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String summary = "Earlier ticket " + i + " " + tag;
            createFreshdeskTicket(summary, List.of(tag));
            earlier.add(summary);
        }
        String manual = "Manual ticket " + tag;
        int manualTicket = createFreshdeskTicket(manual, List.of());

        ServiceProcess privateAgent = startJiraAgent(connection[1], privateState, "ops-private-agent.log", Map.of());
        ServiceProcess publicAgent = null;
        try {
            publicAgent = startFreshdeskAgent(id, publicState, "ops-public-agent.log");
            // The agent has seen the earlier tickets some rounds ago, before any trigger: only a bulk sync brings them.
            sleep(Duration.ofSeconds(8));
            String triggerId = api().body(Map.of("query", "tag:'" + tag + "'", "description", "e2e"))
                    .post("/api/v1/connections/{id}/triggers", id).then().statusCode(201).extract().path("id");
            String created = "Created after the trigger " + tag;
            createFreshdeskTicket(created, List.of(tag));
            awaitSingleJiraIssue(created);
            sleep(Duration.ofSeconds(2));
            for (String summary : earlier) {
                assertThat(jiraIssuesWithSummary(summary)).isEmpty(); // not changed since: the trigger alone does not take them
            }

            api().post("/api/v1/connections/{id}/triggers/{tid}/bulk-sync", id, triggerId).then().statusCode(202)
                    .body("state", equalTo("REQUESTED"));
            List<String> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Response progress = api().get("/api/v1/connections/{id}/triggers/{tid}/bulk-sync", id, triggerId);
                progress.then().statusCode(200);
                Integer total = progress.path("total");
                int done = progress.path("done");
                seen.add(progress.path("state") + " " + done + "/" + total);
                if (total != null) {
                    assertThat(done).isLessThanOrEqualTo(total);
                }
                assertThat((String) progress.path("state")).isEqualTo("DONE");
                assertThat(total).isEqualTo(4); // three earlier tickets and the one created after the trigger
                assertThat(done).isEqualTo(4);
            });
            for (String summary : earlier) {
                awaitSingleJiraIssue(summary);
            }
            assertThat(jiraIssuesWithSummary(created)).hasSize(1); // under sync already: not created twice

            // One ticket by hand, without any trigger.
            Response requested = api().body(Map.of("localKey", String.valueOf(manualTicket))).post("/api/v1/connections/{id}/twins", id);
            requested.then().statusCode(202).body("state", equalTo("REQUESTED"));
            String twinId = requested.path("twinId");
            String issueKey = awaitSingleJiraIssue(manual);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().get("/api/v1/connections/{id}/twins/{tid}", id, twinId)
                    .then().body("state", equalTo("SYNCED")).body("publicKey", equalTo(String.valueOf(manualTicket)))
                    .body("privateKey", equalTo(issueKey)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(api().get("/api/v1/connections/{id}/twins", id).then().statusCode(200).extract().<List<?>>path("$"))
                            .hasSize(5));

            // Unsync: both sides stop, both tickets stay, and neither side's changes cross any more.
            api().delete("/api/v1/connections/{id}/twins/{tid}", id, twinId).then().statusCode(202).body("state", equalTo("UNSYNCING"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().get("/api/v1/connections/{id}/twins/{tid}", id, twinId)
                    .then().body("state", equalTo("UNSYNCED")).body("publicSide.state", equalTo("UNSYNCED"))
                    .body("privateSide.state", equalTo("UNSYNCED")));
            freshdesk().body(Map.of("subject", manual + " changed after unsync")).put("/api/v2/tickets/{id}", manualTicket)
                    .then().statusCode(200);
            jira().body(Map.of("body", "A Jira comment after unsync")).post("/rest/api/2/issue/{key}/comment", issueKey)
                    .then().statusCode(201);
            sleep(Duration.ofSeconds(6));
            jira().get("/rest/api/2/issue/{key}", issueKey).then().statusCode(200).body("fields.summary", equalTo(manual));
            assertThat(freshdeskNotes(manualTicket)).isEmpty();

            // A ticket the public tracker does not have: the request fails with the agent's reason.
            String missing = api().body(Map.of("localKey", "987654")).post("/api/v1/connections/{id}/twins", id)
                    .then().statusCode(202).extract().path("twinId");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().get("/api/v1/connections/{id}/twins/{tid}", id, missing)
                    .then().body("state", equalTo("FAILED")).body("error", org.hamcrest.Matchers.containsString("987654")));
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    @Test
    void aParkedReplicaIsListedWithItsRulesLineAndAppliedWhenRetried(@TempDir Path privateState, @TempDir Path publicState)
            throws Exception {
        String tag = "err-" + UUID.randomUUID().toString().substring(0, 6);
        String defaults = DefaultRules.text("jira", Direction.INCOMING);
        Path rules = privateState.resolveSibling(privateState.getFileName() + "-incoming.groovy");
        Files.writeString(rules, "if (replica.summary?.contains('poison')) {\n"
                + "    throw new com.exalate.api.exception.IssueTrackerException('poisoned ticket refused')\n}\n" + defaults);
        String[] connection = initiate();
        String id = connection[0];
        api().body(Map.of("query", "tag:'" + tag + "'")).post("/api/v1/connections/{id}/triggers", id).then().statusCode(201);
        // Automatic retries are far apart: what happens here is the operator's retry.
        ServiceProcess privateAgent = startJiraAgent(connection[1], privateState, "errors-private-agent.log",
                Map.of("twinline.agent.sync.incoming-rules", rules.toString(), "twinline.agent.sync.retry-interval", "10m"));
        ServiceProcess publicAgent = null;
        try {
            publicAgent = startFreshdeskAgent(id, publicState, "errors-public-agent.log");
            String poisoned = "poison pill " + tag;
            String healthy = "healthy ticket " + tag;
            createFreshdeskTicket(poisoned, List.of(tag));
            createFreshdeskTicket(healthy, List.of(tag));
            awaitSingleJiraIssue(healthy);

            AtomicReference<String> errorId = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Response errors = api().get("/api/v1/connections/{id}/errors", id);
                errors.then().statusCode(200).body("size()", equalTo(1)).body("[0].side", equalTo("PRIVATE"))
                        .body("[0].direction", equalTo("incoming")).body("[0].line", equalTo(2))
                        .body("[0].attempts", greaterThanOrEqualTo(1))
                        .body("[0].message", org.hamcrest.Matchers.containsString("poisoned ticket refused"));
                errorId.set(errors.path("[0].id"));
            });
            api().get("/api/v1/connections/{id}/queue", id).then().statusCode(200).body("toPrivate.parked", equalTo(1));
            assertThat(jiraIssuesWithSummary(poisoned)).isEmpty();

            // Retried with the rules still failing: one more attempt, still parked.
            int attempts = api().get("/api/v1/connections/{id}/errors", id).then().extract().path("[0].attempts");
            api().post("/api/v1/connections/{id}/errors/{eid}/retry", id, errorId.get()).then().statusCode(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().get("/api/v1/connections/{id}/errors", id)
                    .then().body("[0].attempts", equalTo(attempts + 1)));
            assertThat(jiraIssuesWithSummary(poisoned)).isEmpty();

            // The partner fixes its rules; the operator retries: applied once, and the error is gone.
            Files.writeString(rules, defaults);
            Files.setLastModifiedTime(rules, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(5)));
            sleep(Duration.ofSeconds(2));
            api().post("/api/v1/connections/{id}/errors/{eid}/retry", id, errorId.get()).then().statusCode(202);
            awaitSingleJiraIssue(poisoned);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    api().get("/api/v1/connections/{id}/errors", id).then().body("size()", equalTo(0)));
            assertThat(jiraIssuesWithSummary(healthy)).hasSize(1);
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    @Test
    void aDeactivatedConnectionQueuesBothWaysAndAppliesOnActivation(@TempDir Path privateState, @TempDir Path publicState) {
        String tag = "pause-" + UUID.randomUUID().toString().substring(0, 6);
        String[] connection = initiate();
        String id = connection[0];
        api().body(Map.of("query", "tag:'" + tag + "'")).post("/api/v1/connections/{id}/triggers", id).then().statusCode(201);
        ServiceProcess privateAgent = startJiraAgent(connection[1], privateState, "pause-private-agent.log", Map.of());
        ServiceProcess publicAgent = null;
        try {
            publicAgent = startFreshdeskAgent(id, publicState, "pause-public-agent.log");
            String summary = "Paused ticket " + tag;
            int ticketId = createFreshdeskTicket(summary, List.of(tag));
            String issueKey = awaitSingleJiraIssue(summary);

            api().post("/api/v1/connections/{id}/deactivate", id).then().statusCode(200).body("status", equalTo("DEACTIVATED"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().get("/api/v1/connections/{id}/queue", id).then()
                    .body("toPrivate.receiverApplying", equalTo(false)).body("toPublic.receiverApplying", equalTo(false)));

            for (int i = 1; i <= 3; i++) {
                freshdesk().body(Map.of("subject", summary + " v" + i)).put("/api/v2/tickets/{id}", ticketId).then().statusCode(200);
                sleep(Duration.ofMillis(1500));
            }
            jira().body(Map.of("body", "Comment while deactivated")).post("/rest/api/2/issue/{key}/comment", issueKey)
                    .then().statusCode(201);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().get("/api/v1/connections/{id}/queue", id).then()
                    .body("toPrivate.pending", greaterThanOrEqualTo(1)).body("toPublic.pending", greaterThanOrEqualTo(1)));
            sleep(Duration.ofSeconds(4));
            jira().get("/rest/api/2/issue/{key}", issueKey).then().body("fields.summary", equalTo(summary));
            assertThat(freshdeskNotes(ticketId)).isEmpty();

            api().post("/api/v1/connections/{id}/activate", id).then().statusCode(200).body("status", equalTo("ACTIVE"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    jira().get("/rest/api/2/issue/{key}", issueKey).then().body("fields.summary", equalTo(summary + " v3")));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(freshdeskNotes(ticketId)).anySatisfy(n -> assertThat(n).contains("Comment while deactivated")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().get("/api/v1/connections/{id}/queue", id).then()
                    .body("toPrivate.pending", equalTo(0)).body("toPublic.pending", equalTo(0))
                    .body("toPrivate.receiverApplying", equalTo(true)));
            assertThat(jiraIssuesWithSummary(summary + " v3")).hasSize(1);
            assertThat(freshdeskNotes(ticketId)).hasSize(1);
            // The Jira replica queued meanwhile was built before the new summary arrived: it does not take it back.
            freshdesk().get("/api/v2/tickets/{id}", ticketId).then().body("subject", equalTo(summary + " v3"));
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    // ---- the parts

    private static RequestSpecification api() {
        return publicSide.operator().contentType(ContentType.JSON);
    }

    private static String[] initiate() {
        return E2eParts.initiate(publicSide, "e2e ops");
    }

    private static ServiceProcess startJiraAgent(String code, Path state, String log, Map<String, String> extra) {
        Map<String, String> jiraSide = E2eParts.jiraAgentSettings(trackers);
        jiraSide.putAll(extra);
        return publicSide.startAgent("partner", code, state, log, jiraSide);
    }

    /** The public agent as deployed next to connection-service: triggers, rules and commands come from there. */
    private static ServiceProcess startFreshdeskAgent(String connectionId, Path state, String log) {
        Map<String, String> freshdeskSide = E2eParts.freshdeskAgentSettings(publicSide, trackers, connectionId);
        freshdeskSide.put("twinline.agent.sync.connection-service", publicSide.connectionService.baseUrl());
        return publicSide.startAgent("acme", "", state, log, freshdeskSide);
    }

    private static int createFreshdeskTicket(String summary, List<String> tags) {
        return freshdesk().body(Map.of("subject", summary, "description", "<p>Operations</p>",
                        "requester_id", 101, "status", 2, "priority", 3, "tags", tags))
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

    private static void sleep(Duration d) {
        E2eParts.sleep(d);
    }
}
