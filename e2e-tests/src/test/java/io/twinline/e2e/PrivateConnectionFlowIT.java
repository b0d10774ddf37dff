package io.twinline.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.twinline.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The private-connection flow as an operator and a partner live it, every part a separate process. */
class PrivateConnectionFlowIT {

    private static PublicSide publicSide;

    @BeforeAll
    static void startPublicSide() {
        publicSide = PublicSide.start();
    }

    @AfterAll
    static void stopPublicSide() throws Exception {
        if (publicSide != null) {
            publicSide.close();
        }
    }

    private static Response initiate(String name) {
        return publicSide.operator().contentType(ContentType.JSON)
                .body(Map.of("type", "PRIVATE", "mode", "SCRIPT", "localName", "acme", "remoteName", "partner",
                        "name", name, "description", "Freshdesk tickets to the partner's Jira"))
                .post("/api/v1/connections");
    }

    private static Response connection(String id) {
        return publicSide.operator().get("/api/v1/connections/{id}", id);
    }

    @Test
    void thePartnerAcceptsWithTheCodeAndKeepsWorkingAfterARestartWithoutIt(@TempDir Path state) {
        Response created = initiate("e2e accept " + UUID.randomUUID().toString().substring(0, 8));
        created.then().statusCode(201).body("status", equalTo("PENDING")).body("destination", equalTo("unknown"));
        String id = created.path("id");
        String code = created.path("invitationCode");

        ServiceProcess agent = publicSide.startAgent("globex", code, state, "agent-globex-1.log");
        Instant firstSeen;
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> connection(id).then()
                    .body("status", equalTo("ACTIVE"))
                    .body("destination", equalTo("globex"))
                    .body("agent.version", notNullValue())
                    .body("agent.lastSeenAt", notNullValue()));
            firstSeen = Instant.parse(connection(id).path("agent.lastSeenAt"));
        } finally {
            agent.kill(); // as a crash would
        }

        ServiceProcess restarted = publicSide.startAgent("globex", "", state, "agent-globex-2.log");
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Instant.parse(connection(id).path("agent.lastSeenAt"))).isAfter(firstSeen));
            connection(id).then().body("status", equalTo("ACTIVE")).body("destination", equalTo("globex"));
        } finally {
            restarted.close();
        }
    }

    @Test
    void anAgentCanKeepItsStateInPostgreSQL(@TempDir Path first, @TempDir Path second) {
        String id = initiate("e2e pg store " + UUID.randomUUID().toString().substring(0, 8)).path("id");
        String code = publicSide.operator()
                .post("/api/v1/connections/{id}/invitation", id).then().statusCode(200).extract().path("invitationCode");
        Map<String, String> store = Map.of(
                "twinline.agent.store", "postgresql",
                "quarkus.datasource.\"postgresql\".jdbc.url", publicSide.postgres.createDatabase("agent_hooli"),
                "quarkus.datasource.\"postgresql\".username", publicSide.postgres.user(),
                "quarkus.datasource.\"postgresql\".password", publicSide.postgres.password());

        ServiceProcess agent = publicSide.startAgent("hooli", code, first, "agent-hooli-1.log", store);
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> connection(id).then()
                    .body("status", equalTo("ACTIVE")).body("destination", equalTo("hooli")));
        } finally {
            agent.close();
        }
        // A new state directory and no code: what the agent knows comes from PostgreSQL alone.
        Instant before = Instant.now();
        ServiceProcess restarted = publicSide.startAgent("hooli", "", second, "agent-hooli-2.log", store);
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Instant.parse(connection(id).path("agent.lastSeenAt"))).isAfter(before));
            assertThat(second.resolve("agent.mv.db")).doesNotExist();
        } finally {
            restarted.close();
        }
    }

    @Test
    void aSecondAgentWithAUsedCodeIsRefusedAndSaysWhy(@TempDir Path first, @TempDir Path second) throws Exception {
        Response created = initiate("e2e reuse " + UUID.randomUUID().toString().substring(0, 8));
        String code = created.path("invitationCode");
        ServiceProcess agent = publicSide.startAgent("initech", code, first, "agent-initech.log");
        try {
            assertThatThrownBy(() -> publicSide.startAgent("intruder", code, second, "agent-intruder.log"))
                    .hasMessageContaining("exited with 2")
                    .hasMessageContaining("USED");
        } finally {
            agent.close();
        }
    }

    @Test
    void anAgentWithAMalformedCodeSaysSoAndEnrollsNothing(@TempDir Path state) throws Exception {
        assertThatThrownBy(() -> publicSide.startAgent("typo", "tl1.not-a-whole-code", state, "agent-typo.log"))
                .hasMessageContaining("exited with 2")
                .hasMessageContaining("invitation code is not valid");
        assertThatThrownBy(() -> publicSide.startAgent("typo", "", state, "agent-typo-2.log"))
                .hasMessageContaining("start it with an invitation code");
        assertThat(Files.exists(state)).isTrue();
    }
}
