package io.twinline.e2e;

import io.twinline.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * An operator rotates a connection's agent credentials: the running agent picks the new ones up over its
 * authenticated edge and keeps working, and after a restart it signs in with the stored new secret. An operator
 * revokes them: the agent stops with that reason (exit code 2) and the connection shows it.
 */
class AgentCredentialsIT {

    private static PublicSide publicSide;

    @BeforeAll
    static void start() {
        publicSide = PublicSide.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (publicSide != null) {
            publicSide.close();
        }
    }

    private static Instant lastSeen(String id) {
        String at = publicSide.operator().get("/api/v1/connections/{id}", id).then().statusCode(200)
                .extract().path("agent.lastSeenAt");
        return at == null ? Instant.EPOCH : Instant.parse(at);
    }

    @Test
    void rotatedCredentialsArePickedUpAndRevokedOnesStopTheAgent(@TempDir Path state) throws Exception {
        String[] connection = E2eParts.initiate(publicSide, "e2e credentials");
        String id = connection[0];
        ServiceProcess agent = publicSide.startAgent("rotator", connection[1], state, "agent-rotator.log");
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> publicSide.operator()
                    .get("/api/v1/connections/{id}", id).then().body("status", equalTo("ACTIVE"))
                    .body("agent.credentials", equalTo("VALID")));

            publicSide.operator().post("/api/v1/connections/{id}/agent-credentials/rotate", id).then().statusCode(202)
                    .body("agent.credentials", equalTo("ROTATING"));
            Instant rotatedAt = Instant.now();
            // The agent is told on a heartbeat, fetches and stores its next secret and signs in with it.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> publicSide.operator()
                    .get("/api/v1/connections/{id}", id).then().body("agent.credentials", equalTo("VALID")));
            await().atMost(Duration.ofSeconds(30)).until(() -> lastSeen(id).isAfter(rotatedAt.plusSeconds(2)));
            assertThat(agent.isAlive()).isTrue();
            assertThat(Files.readString(agent.log())).contains("credentials were rotated");

            // Restarted, the agent uses the secret it stored: the old one no longer works.
            agent.close();
            agent = publicSide.startAgent("rotator", "", state, "agent-rotator-2.log");
            Instant restartedAt = Instant.now();
            await().atMost(Duration.ofSeconds(60)).until(() -> lastSeen(id).isAfter(restartedAt));

            publicSide.operator().post("/api/v1/connections/{id}/agent-credentials/revoke", id).then().statusCode(200)
                    .body("agent.credentials", equalTo("REVOKED"));
            assertThat(agent.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(Files.readString(agent.log())).contains("revoked this agent's credentials");
            publicSide.operator().get("/api/v1/connections/{id}", id).then().body("agent.credentials", equalTo("REVOKED"))
                    .body("agent.credentialsRevokedAt", org.hamcrest.Matchers.notNullValue());
            List<String> actions = publicSide.operator().get("/api/v1/audit?connectionId={id}", id).then().statusCode(200)
                    .extract().path("action");
            assertThat(actions).contains("AGENT_CREDENTIALS_ROTATED", "AGENT_CREDENTIALS_REVOKED");
        } finally {
            agent.close();
        }
    }
}
