package io.twinline.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.twinline.simulator.TrackerSimulator;
import io.twinline.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Tickets flow both ways over a private connection: a Freshdesk ticket brought under sync by a trigger arrives in
 * Jira through the private agent's Kafka consumption, and a Jira comment comes back as a Freshdesk note through
 * connection-service; nothing is echoed or duplicated. Every part is a separate process; the trackers are the
 * simulators, driven over their own APIs.
 */
class TicketFlowIT {

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

    private static RequestSpecification freshdesk() {
        return given().baseUri(trackers.baseUrl()).port(-1).auth().preemptive().basic("demo-key", "X").contentType(ContentType.JSON);
    }

    private static RequestSpecification jira() {
        return given().baseUri(trackers.baseUrl()).port(-1).header("Authorization", "Bearer demo-token").contentType(ContentType.JSON);
    }

    private static List<Map<String, Object>> jiraIssuesWithSummary(String summary) {
        List<Map<String, Object>> issues = jira().queryParam("jql", "project = TEST").queryParam("maxResults", 100)
                .get("/rest/api/2/search").then().statusCode(200).extract().path("issues");
        return issues.stream().filter(i -> summary.equals(((Map<?, ?>) i.get("fields")).get("summary"))).toList();
    }

    @Test
    void aFreshdeskTicketArrivesInJiraAndAJiraCommentComesBackAsANote(@TempDir Path privateState, @TempDir Path publicState) {
        String id = given().baseUri(publicSide.connectionService.baseUrl()).port(-1).contentType(ContentType.JSON)
                .body(Map.of("type", "PRIVATE", "mode", "SCRIPT", "localName", "acme", "remoteName", "partner",
                        "name", "e2e flow " + UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/connections").then().statusCode(201).extract().path("id");
        String code = given().baseUri(publicSide.connectionService.baseUrl()).port(-1)
                .get("/api/v1/connections/{id}", id).then().extract().path("invitationCode");
        code = code != null ? code : given().baseUri(publicSide.connectionService.baseUrl()).port(-1)
                .post("/api/v1/connections/{id}/invitation", id).then().statusCode(200).extract().path("invitationCode");

        Map<String, String> jiraSide = new HashMap<>();
        jiraSide.put("twinline.agent.tracker.url", trackers.baseUrl());
        jiraSide.put("twinline.agent.tracker.token", "demo-token");
        jiraSide.put("twinline.agent.tracker.project", "TEST");
        jiraSide.put("twinline.agent.tracker.poll-interval", "1s");
        ServiceProcess privateAgent = publicSide.startAgent("partner", code, privateState, "flow-private-agent.log", jiraSide);

        Map<String, String> freshdeskSide = new HashMap<>();
        freshdeskSide.put("twinline.agent.side", "PUBLIC");
        freshdeskSide.put("twinline.agent.tracker-type", "FRESHDESK");
        freshdeskSide.put("twinline.agent.connection-id", id);
        freshdeskSide.put("twinline.agent.kafka-bootstrap", publicSide.kafka.bootstrapServers());
        freshdeskSide.put("twinline.agent.tracker.url", trackers.baseUrl());
        freshdeskSide.put("twinline.agent.tracker.api-key", "demo-key");
        freshdeskSide.put("twinline.agent.tracker.poll-interval", "1s");
        freshdeskSide.put("twinline.agent.sync.triggers", "tag:'twinline-sync'");
        ServiceProcess publicAgent = null;
        try {
            publicAgent = publicSide.startAgent("acme", "", publicState, "flow-public-agent.log", freshdeskSide);
            String summary = "Printer on fire " + UUID.randomUUID().toString().substring(0, 8);
            int ticketId = freshdesk().body(Map.of("subject", summary, "description", "<p>Smoke from tray 2</p>",
                            "requester_id", 101, "status", 2, "priority", 3, "tags", List.of("twinline-sync")))
                    .post("/api/v2/tickets").then().statusCode(201).extract().path("id");

            AtomicReference<String> issueKey = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<Map<String, Object>> issues = jiraIssuesWithSummary(summary);
                assertThat(issues).hasSize(1);
                issueKey.set((String) issues.get(0).get("key"));
            });
            jira().get("/rest/api/2/issue/{key}", issueKey.get()).then().statusCode(200)
                    .body("fields.description", org.hamcrest.Matchers.containsString("Smoke from tray 2"));

            jira().body(Map.of("body", "Replaced the fuser unit")).post("/rest/api/2/issue/{key}/comment", issueKey.get())
                    .then().statusCode(201);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<String> bodies = freshdesk().get("/api/v2/tickets/{id}/conversations", ticketId)
                        .then().statusCode(200).extract().path("body_text");
                assertThat(bodies).anySatisfy(body -> assertThat(body).contains("Replaced the fuser unit"));
            });

            // Let a few poll rounds pass: the applied changes must not come back (no echo), nothing is duplicated.
            sleep(Duration.ofSeconds(5));
            assertThat(jiraIssuesWithSummary(summary)).hasSize(1);
            jira().get("/rest/api/2/issue/{key}/comment", issueKey.get()).then().body("total", equalTo(1));
            List<String> notes = freshdesk().get("/api/v2/tickets/{id}/conversations", ticketId).then().extract().path("body_text");
            assertThat(notes).hasSize(1);
        } finally {
            if (publicAgent != null) {
                publicAgent.close();
            }
            privateAgent.close();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
