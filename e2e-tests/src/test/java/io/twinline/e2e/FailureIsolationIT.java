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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

/**
 * Nothing one ticket does stops the others: a ticket whose outgoing rules fail becomes a sync error of its twin, the
 * tickets after it keep syncing, and it arrives once the rules are fixed and an operator retries it.
 */
class FailureIsolationIT {

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

    /**
     * One poisoned ticket per direction during a burst: the public side's outgoing rules (kept over REST) refuse one
     * Freshdesk ticket, the private side's (a file) one Jira issue. Every other ticket arrives, both poisoned ones are
     * listed in …/errors (and counted by …/queue), and each arrives once after its rules are fixed and it is retried.
     */
    @Test
    void aTicketWhoseOutgoingRulesFailIsASyncErrorAndTheOthersKeepSyncing(@TempDir Path privateState, @TempDir Path publicState)
            throws Exception {
        String tag = "iso-" + UUID.randomUUID().toString().substring(0, 6);
        String[] connection = E2eParts.initiate(publicSide, "e2e isolation");
        String id = connection[0];
        String poisonGuard = "if (issue.summary?.contains('poison')) {\n"
                + "    throw new com.exalate.api.exception.IssueTrackerException('poisoned outgoing ticket')\n}\n";
        String freshdeskDefaults = DefaultRules.text("freshdesk", Direction.OUTGOING);
        api().contentType(ContentType.TEXT).body(poisonGuard + freshdeskDefaults)
                .put("/api/v1/connections/{id}/rules/outgoing", id).then().statusCode(200);
        api().body(Map.of("query", "tag:'" + tag + "'")).post("/api/v1/connections/{id}/triggers", id).then().statusCode(201);
        String jiraDefaults = DefaultRules.text("jira", Direction.OUTGOING);
        Path jiraRules = privateState.resolveSibling(privateState.getFileName() + "-outgoing.groovy");
        Files.writeString(jiraRules, poisonGuard + jiraDefaults);

        // Automatic retries are far apart: what brings the poisoned tickets over here is the operator's retry.
        Map<String, String> jiraSide = E2eParts.jiraAgentSettings(trackers);
        jiraSide.put("twinline.agent.sync.outgoing-rules", jiraRules.toString());
        jiraSide.put("twinline.agent.sync.triggers", "labels = \"" + tag + "\"");
        jiraSide.put("twinline.agent.sync.retry-interval", "10m");
        ServiceProcess privateAgent = publicSide.startAgent("partner", connection[1], privateState, "iso-private-agent.log", jiraSide);
        ServiceProcess publicAgent = null;
        try {
            Map<String, String> freshdeskSide = E2eParts.freshdeskAgentSettings(publicSide, trackers, id);
            freshdeskSide.put("twinline.agent.sync.connection-service", publicSide.connectionService.baseUrl());
            freshdeskSide.put("twinline.agent.sync.retry-interval", "10m");
            publicAgent = publicSide.startAgent("acme", "", publicState, "iso-public-agent.log", freshdeskSide);

            String poisoned = "poison pill " + tag;
            String poisonedIssue = "poison issue " + tag;
            createFreshdeskTicket(poisoned, List.of(tag));
            createJiraIssue(poisonedIssue, tag);
            List<String> healthy = new java.util.ArrayList<>();
            List<String> healthyIssues = new java.util.ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                healthy.add("healthy ticket " + i + " " + tag);
                createFreshdeskTicket(healthy.get(i - 1), List.of(tag));
                healthyIssues.add("healthy issue " + i + " " + tag);
                createJiraIssue(healthyIssues.get(i - 1), tag);
            }
            for (String summary : healthy) {
                E2eParts.awaitSingleJiraIssue(trackers, summary);
            }
            for (String summary : healthyIssues) {
                awaitSingleFreshdeskTicket(summary);
            }

            Map<String, String> errorIds = new java.util.concurrent.ConcurrentHashMap<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Response errors = api().get("/api/v1/connections/{id}/errors", id);
                errors.then().statusCode(200).body("size()", equalTo(2));
                for (String side : List.of("PUBLIC", "PRIVATE")) {
                    String at = "find { it.side == '" + side + "' }";
                    errors.then().body(at + ".direction", equalTo("outgoing")).body(at + ".line", equalTo(2))
                            .body(at + ".attempts", greaterThanOrEqualTo(1))
                            .body(at + ".message", containsString("poisoned outgoing ticket"));
                    errorIds.put(side, errors.path(at + ".id"));
                }
            });
            api().get("/api/v1/connections/{id}/queue", id).then().statusCode(200)
                    .body("toPrivate.unsent", equalTo(1)).body("toPrivate.parked", equalTo(0))
                    .body("toPublic.unsent", equalTo(1)).body("toPublic.parked", equalTo(0));
            assertThat(E2eParts.jiraIssuesWithSummary(trackers, poisoned)).isEmpty();
            assertThat(freshdeskTicketsWithSubject(poisonedIssue)).isEmpty();

            // Both sides fix their rules and the operator retries: each poisoned ticket arrives once, the errors are gone.
            ServiceProcess reloading = publicAgent;
            long reloadsBefore = rulesReloads(reloading);
            api().contentType(ContentType.TEXT).body(freshdeskDefaults).put("/api/v1/connections/{id}/rules/outgoing", id)
                    .then().statusCode(200);
            Files.writeString(jiraRules, jiraDefaults);
            Files.setLastModifiedTime(jiraRules, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(5)));
            // The public agent re-reads its rules every 5 s: wait until it says it runs the new version.
            await().atMost(Duration.ofSeconds(30)).until(() -> rulesReloads(reloading) > reloadsBefore);
            for (String errorId : errorIds.values()) {
                // 404: the agent's own retry (on its back-off, or on the rules change) already sent it and the error is
                // gone; either way the ticket must now arrive once.
                api().post("/api/v1/connections/{id}/errors/{eid}/retry", id, errorId).then()
                        .statusCode(org.hamcrest.Matchers.anyOf(equalTo(202), equalTo(404)));
            }
            E2eParts.awaitSingleJiraIssue(trackers, poisoned);
            awaitSingleFreshdeskTicket(poisonedIssue);
            // A replica that crossed while the other side still ran its poisoned rules (its echo check runs them) is
            // parked there in turn: an operator retries what is still listed, as the console would.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                List<String> left = api().get("/api/v1/connections/{id}/errors", id).then().statusCode(200)
                        .extract().path("id");
                for (String errorId : left) {
                    api().post("/api/v1/connections/{id}/errors/{eid}/retry", id, errorId);
                }
                api().get("/api/v1/connections/{id}/errors", id).then().body("size()", equalTo(0));
                api().get("/api/v1/connections/{id}/queue", id).then().body("toPrivate.unsent", equalTo(0))
                        .body("toPublic.unsent", equalTo(0));
            });
            for (String summary : healthy) {
                assertThat(E2eParts.jiraIssuesWithSummary(trackers, summary)).hasSize(1);
            }
            for (String summary : healthyIssues) {
                assertThat(freshdeskTicketsWithSubject(summary)).hasSize(1);
            }
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    /** Chaos case 6: a custom field and the assignee changed after the first sync arrive on the other side, both ways. */
    @Test
    void aCustomFieldAndTheAssigneeChangedAfterTheFirstSyncArriveBothWays(@TempDir Path privateState, @TempDir Path publicState)
            throws Exception {
        String tag = "fields-" + UUID.randomUUID().toString().substring(0, 6);
        String[] connection = E2eParts.initiate(publicSide, "e2e fields");
        String id = connection[0];
        // Users are mapped by e-mail and set as plain e-mail text; the order number travels as a custom field.
        api().contentType(ContentType.TEXT).body(DefaultRules.text("freshdesk", Direction.OUTGOING)
                        + "\nreplica.customFields = issue.customFields\n")
                .put("/api/v1/connections/{id}/rules/outgoing", id).then().statusCode(200);
        api().contentType(ContentType.TEXT).body(DefaultRules.text("freshdesk", Direction.INCOMING)
                        + "\nissue.assignee = ['jdoe@jira.example': 'agent@demo.example', 'admin@jira.example': 'second@demo.example']"
                        + "[replica.assignee?.email]\n"
                        + "issue.customFields.'cf_order'.value = replica.customFields.'customfield_10300'?.value\n")
                .put("/api/v1/connections/{id}/rules/incoming", id).then().statusCode(200);
        api().body(Map.of("query", "tag:'" + tag + "'")).post("/api/v1/connections/{id}/triggers", id).then().statusCode(201);
        Path jiraOutgoing = privateState.resolveSibling(privateState.getFileName() + "-out.groovy");
        Files.writeString(jiraOutgoing, DefaultRules.text("jira", Direction.OUTGOING) + "\nreplica.customFields = issue.customFields\n");
        Path jiraIncoming = privateState.resolveSibling(privateState.getFileName() + "-in.groovy");
        Files.writeString(jiraIncoming, DefaultRules.text("jira", Direction.INCOMING)
                + "\nissue.assignee = ['agent@demo.example': 'jdoe@jira.example', 'second@demo.example': 'admin@jira.example']"
                + "[replica.assignee?.email]\n"
                + "issue.customFields.'customfield_10300'.value = replica.customFields.'cf_order'?.value\n");
        Map<String, String> jiraSide = E2eParts.jiraAgentSettings(trackers);
        jiraSide.put("twinline.agent.sync.outgoing-rules", jiraOutgoing.toString());
        jiraSide.put("twinline.agent.sync.incoming-rules", jiraIncoming.toString());
        ServiceProcess privateAgent = publicSide.startAgent("partner", connection[1], privateState, "fields-private-agent.log", jiraSide);
        ServiceProcess publicAgent = null;
        try {
            Map<String, String> freshdeskSide = E2eParts.freshdeskAgentSettings(publicSide, trackers, id);
            freshdeskSide.put("twinline.agent.sync.connection-service", publicSide.connectionService.baseUrl());
            publicAgent = publicSide.startAgent("acme", "", publicState, "fields-public-agent.log", freshdeskSide);

            String summary = "fields " + tag;
            int ticket = E2eParts.freshdesk(trackers).body(Map.of("subject", summary, "description", "<p>Fields</p>",
                            "requester_id", 101, "status", 2, "priority", 2, "tags", List.of(tag),
                            "custom_fields", Map.of("cf_order", "PO-1")))
                    .post("/api/v2/tickets").then().statusCode(201).extract().path("id");
            String issueKey = E2eParts.awaitSingleJiraIssue(trackers, summary);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> E2eParts.jira(trackers).get("/rest/api/2/issue/{key}", issueKey)
                    .then().body("fields.customfield_10300", equalTo("PO-1")));

            // Freshdesk → Jira, after the first sync.
            E2eParts.freshdesk(trackers).body(Map.of("responder_id", 1, "custom_fields", Map.of("cf_order", "PO-2")))
                    .put("/api/v2/tickets/{id}", ticket).then().statusCode(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> E2eParts.jira(trackers).get("/rest/api/2/issue/{key}", issueKey)
                    .then().body("fields.customfield_10300", equalTo("PO-2")).body("fields.assignee.name", equalTo("jdoe")));

            // Jira → Freshdesk.
            E2eParts.jira(trackers).body(Map.of("fields", Map.of("assignee", Map.of("name", "admin"), "customfield_10300", "PO-3")))
                    .put("/rest/api/2/issue/{key}", issueKey).then().statusCode(204);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> E2eParts.freshdesk(trackers).get("/api/v2/tickets/{id}", ticket)
                    .then().body("custom_fields.cf_order", equalTo("PO-3")).body("responder_id", equalTo(2)));
            E2eParts.jira(trackers).get("/rest/api/2/issue/{key}", issueKey).then().body("fields.customfield_10300", equalTo("PO-3"))
                    .body("fields.assignee.name", equalTo("admin"));
            api().get("/api/v1/connections/{id}/errors", id).then().body("size()", equalTo(0));
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    /**
     * Chaos case 1, scaled to 60 tickets for the time of a 2-core machine: the private agent killed twice (kill -9) and
     * the public agent once while a burst of tickets syncs; every ticket arrives exactly once and the queue drains.
     */
    @Test
    @Disabled("not yet seen passing: on the shared 2-core machine (load average ~50) its agents were not ready within the testkit's 90 s")
    void killedAgentsDuringABurstLoseAndDuplicateNothing(@TempDir Path privateState, @TempDir Path publicState) {
        String tag = "burst-" + UUID.randomUUID().toString().substring(0, 6);
        String[] connection = E2eParts.initiate(publicSide, "e2e chaos kill");
        String id = connection[0];
        api().body(Map.of("query", "tag:'" + tag + "'")).post("/api/v1/connections/{id}/triggers", id).then().statusCode(201);
        Map<String, String> freshdeskSide = E2eParts.freshdeskAgentSettings(publicSide, trackers, id);
        freshdeskSide.put("twinline.agent.sync.connection-service", publicSide.connectionService.baseUrl());
        ServiceProcess privateAgent = publicSide.startAgent("partner", connection[1], privateState, "kill-private-1.log",
                E2eParts.jiraAgentSettings(trackers));
        ServiceProcess publicAgent = publicSide.startAgent("acme", "", publicState, "kill-public-1.log", freshdeskSide);
        List<String> summaries = new java.util.ArrayList<>();
        try {
            burst(tag, summaries, 20);
            awaitArrived(tag, 5);
            privateAgent.kill();
            burst(tag, summaries, 20);
            privateAgent = publicSide.startAgent("partner", "", privateState, "kill-private-2.log", E2eParts.jiraAgentSettings(trackers));
            awaitArrived(tag, 25);
            privateAgent.kill();
            privateAgent = publicSide.startAgent("partner", "", privateState, "kill-private-3.log", E2eParts.jiraAgentSettings(trackers));
            burst(tag, summaries, 20);
            awaitArrived(tag, 45);
            publicAgent.kill();
            publicAgent = publicSide.startAgent("acme", "", publicState, "kill-public-2.log", freshdeskSide);

            await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(arrived(tag)).hasSize(summaries.size()));
            List<String> inJira = arrived(tag);
            assertThat(inJira).containsExactlyInAnyOrderElementsOf(summaries); // each once: none lost, none twice
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api().get("/api/v1/connections/{id}/queue", id).then()
                    .body("toPrivate.pending", equalTo(0)).body("toPublic.pending", equalTo(0))
                    .body("toPrivate.parked", equalTo(0)).body("toPublic.parked", equalTo(0))
                    .body("toPrivate.unsent", equalTo(0)).body("toPublic.unsent", equalTo(0)));
            api().get("/api/v1/connections/{id}/errors", id).then().body("size()", equalTo(0));
            assertThat(arrived(tag)).hasSize(summaries.size());
        } finally {
            publicAgent.close();
            privateAgent.close();
        }
    }

    /**
     * Chaos case 4: 10 % injected faults on both simulators (5xx, 429 with Retry-After, lost answers, slow answers) while
     * tickets of both sides sync. Everything arrives exactly once, nothing stays an error, and no client came back
     * before an injected 429's Retry-After ran out.
     */
    @Test
    @Disabled("not yet seen passing: on the shared 2-core machine (load average ~50) its agents were not ready within the testkit's 90 s")
    void tenPercentTrackerFaultsLoseAndDuplicateNothing(@TempDir Path privateState, @TempDir Path publicState) {
        String tag = "faults-" + UUID.randomUUID().toString().substring(0, 6);
        String[] connection = E2eParts.initiate(publicSide, "e2e chaos faults");
        String id = connection[0];
        api().body(Map.of("query", "tag:'" + tag + "'")).post("/api/v1/connections/{id}/triggers", id).then().statusCode(201);
        Map<String, String> jiraSide = E2eParts.jiraAgentSettings(trackers);
        jiraSide.put("twinline.agent.sync.triggers", "labels = \"" + tag + "\"");
        jiraSide.put("twinline.agent.sync.retry-interval", "2s");
        Map<String, String> freshdeskSide = E2eParts.freshdeskAgentSettings(publicSide, trackers, id);
        freshdeskSide.put("twinline.agent.sync.connection-service", publicSide.connectionService.baseUrl());
        freshdeskSide.put("twinline.agent.sync.retry-interval", "2s");
        ServiceProcess privateAgent = publicSide.startAgent("partner", connection[1], privateState, "faults-private.log", jiraSide);
        ServiceProcess publicAgent = publicSide.startAgent("acme", "", publicState, "faults-public.log", freshdeskSide);
        try {
            List<String> tickets = new java.util.ArrayList<>();
            List<String> issues = new java.util.ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                tickets.add("faulty ticket " + i + " " + tag);
                createFreshdeskTicket(tickets.get(i - 1), List.of(tag));
                issues.add("faulty issue " + i + " " + tag);
                createJiraIssue(issues.get(i - 1), tag);
            }
            Map<String, Object> faults = Map.of("errorRate", 0.03, "tooManyRate", 0.03, "lostRate", 0.02, "slowRate", 0.02,
                    "slowMillis", 500, "retryAfterSeconds", 1, "seed", 7);
            simulator().body(faults).put("/_sim/freshdesk/faults").then().statusCode(200);
            simulator().body(faults).put("/_sim/jira/faults").then().statusCode(200);

            await().atMost(Duration.ofSeconds(180)).ignoreExceptions().untilAsserted(() -> {
                assertThat(arrived(tag).stream().filter(s -> s.startsWith("faulty ticket")).toList()).hasSize(tickets.size());
                for (String issue : issues) {
                    assertThat(freshdeskTicketsWithSubject(issue)).hasSize(1);
                }
            });
            long injected = simulator().get("/_sim/config").then().extract().<Integer>path("freshdesk.faults.injected")
                    + (long) simulator().get("/_sim/config").then().extract().<Integer>path("jira.faults.injected");
            simulator().body(Map.of("errorRate", 0, "tooManyRate", 0, "lostRate", 0, "slowRate", 0)).put("/_sim/freshdesk/faults")
                    .then().statusCode(200);
            simulator().body(Map.of("errorRate", 0, "tooManyRate", 0, "lostRate", 0, "slowRate", 0)).put("/_sim/jira/faults")
                    .then().statusCode(200);

            assertThat(injected).isPositive();
            assertThat(arrived(tag).stream().filter(s -> s.startsWith("faulty ticket")).toList())
                    .containsExactlyInAnyOrderElementsOf(tickets);
            for (String issue : issues) {
                assertThat(freshdeskTicketsWithSubject(issue)).hasSize(1);
            }
            simulator().get("/_sim/config").then().body("freshdesk.faults.earlyRetries", equalTo(0))
                    .body("jira.faults.earlyRetries", equalTo(0));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                api().get("/api/v1/connections/{id}/errors", id).then().body("size()", equalTo(0));
                api().get("/api/v1/connections/{id}/queue", id).then().body("toPrivate.pending", equalTo(0))
                        .body("toPublic.pending", equalTo(0));
            });
        } finally {
            simulator().body(Map.of("errorRate", 0, "tooManyRate", 0, "lostRate", 0, "slowRate", 0)).put("/_sim/freshdesk/faults");
            simulator().body(Map.of("errorRate", 0, "tooManyRate", 0, "lostRate", 0, "slowRate", 0)).put("/_sim/jira/faults");
            publicAgent.close();
            privateAgent.close();
        }
    }

    private static RequestSpecification simulator() {
        return given().baseUri(trackers.baseUrl()).port(-1).contentType(ContentType.JSON);
    }

    private static void burst(String tag, List<String> summaries, int count) {
        for (int i = 0; i < count; i++) {
            String summary = "burst ticket " + (summaries.size() + 1) + " " + tag;
            createFreshdeskTicket(summary, List.of(tag));
            summaries.add(summary);
        }
    }

    /** The summaries of the Jira issues that came from this burst (a duplicate appears twice). */
    private static List<String> arrived(String tag) {
        List<Map<String, Object>> issues = E2eParts.jira(trackers).queryParam("jql", "project = TEST").queryParam("maxResults", 1000)
                .get("/rest/api/2/search").then().statusCode(200).extract().path("issues");
        return issues.stream().map(i -> (String) ((Map<?, ?>) i.get("fields")).get("summary"))
                .filter(summary -> summary != null && summary.endsWith(" " + tag)).toList();
    }

    private static void awaitArrived(String tag, int atLeast) {
        await().atMost(Duration.ofSeconds(120)).until(() -> arrived(tag).size() >= atLeast);
    }

    private static void createJiraIssue(String summary, String label) {
        E2eParts.jira(trackers).body(Map.of("fields", Map.of("project", Map.of("key", "TEST"), "issuetype", Map.of("name", "Task"),
                "summary", summary, "labels", List.of(label)))).post("/rest/api/2/issue").then().statusCode(201);
    }

    private static List<Map<String, Object>> freshdeskTicketsWithSubject(String subject) {
        List<Map<String, Object>> tickets = E2eParts.freshdesk(trackers).queryParam("per_page", 100).get("/api/v2/tickets")
                .then().statusCode(200).extract().path("$");
        return tickets.stream().filter(t -> subject.equals(t.get("subject"))).toList();
    }

    private static void awaitSingleFreshdeskTicket(String subject) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(freshdeskTicketsWithSubject(subject)).hasSize(1));
    }

    @Test
    void aCommentAddedJustBeforeACrashIsAdoptedNotAddedAgain(@TempDir Path privateState, @TempDir Path publicState) {
        String tag = "crash-" + UUID.randomUUID().toString().substring(0, 6);
        String[] connection = E2eParts.initiate(publicSide, "e2e comment crash");
        String id = connection[0];
        api().body(Map.of("query", "tag:'" + tag + "'")).post("/api/v1/connections/{id}/triggers", id).then().statusCode(201);
        ServiceProcess crashing = publicSide.startAgent("partner", connection[1], privateState, "comment-crash-private-1.log",
                withExtra(E2eParts.jiraAgentSettings(trackers), "twinline.agent.fault-injection", "halt-after-comment"));
        ServiceProcess publicAgent = null;
        ServiceProcess restarted = null;
        try {
            Map<String, String> freshdeskSide = E2eParts.freshdeskAgentSettings(publicSide, trackers, id);
            freshdeskSide.put("twinline.agent.sync.connection-service", publicSide.connectionService.baseUrl());
            publicAgent = publicSide.startAgent("acme", "", publicState, "comment-crash-public.log", freshdeskSide);
            String summary = "comment crash " + tag;
            int ticket = createFreshdeskTicket(summary, List.of(tag));
            await().atMost(Duration.ofSeconds(180)).until(() -> E2eParts.jiraIssuesWithSummary(trackers, summary).size() == 1);
            String issueKey = (String) E2eParts.jiraIssuesWithSummary(trackers, summary).get(0).get("key");

            E2eParts.freshdesk(trackers).body(Map.of("body", "First note " + tag, "private", false))
                    .post("/api/v2/tickets/{id}/notes", ticket).then().statusCode(201);
            // The agent halts right after Jira took the comment, before its ledger linked it to the note.
            assertThat(crashing.awaitExit(Duration.ofSeconds(180))).isEqualTo(137);
            assertThat(jiraComments(issueKey)).hasSize(1);

            restarted = publicSide.startAgent("partner", "", privateState, "comment-crash-private-2.log", E2eParts.jiraAgentSettings(trackers));
            // The note's replica comes again (its offset was never committed): the comment is adopted, not added again.
            // The second note is applied after it (order per twin), so once it is there the first was dealt with.
            E2eParts.freshdesk(trackers).body(Map.of("body", "Second note " + tag, "private", false))
                    .post("/api/v2/tickets/{id}/notes", ticket).then().statusCode(201);
            await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> assertThat(jiraComments(issueKey)).hasSize(2));
            assertThat(jiraComments(issueKey)).satisfiesExactly(
                    first -> assertThat(first).contains("First note " + tag),
                    second -> assertThat(second).contains("Second note " + tag));
            assertThat(E2eParts.freshdeskNotes(trackers, ticket)).hasSize(2); // and nothing came back as a note
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

    private static List<String> jiraComments(String issueKey) {
        return E2eParts.jira(trackers).get("/rest/api/2/issue/{key}/comment", issueKey).then().statusCode(200)
                .extract().path("comments.body");
    }

    private static Map<String, String> withExtra(Map<String, String> settings, String key, String value) {
        settings.put(key, value);
        return settings;
    }

    private static long rulesReloads(ServiceProcess agent) throws java.io.IOException {
        return Files.readAllLines(agent.log()).stream().filter(l -> l.contains("rules changed in connection-service")).count();
    }

    private static RequestSpecification api() {
        return publicSide.operator().contentType(ContentType.JSON);
    }

    private static int createFreshdeskTicket(String summary, List<String> tags) {
        return E2eParts.freshdesk(trackers).body(Map.of("subject", summary, "description", "<p>Isolation</p>",
                        "requester_id", 101, "status", 2, "priority", 3, "tags", tags))
                .post("/api/v2/tickets").then().statusCode(201).extract().path("id");
    }
}
