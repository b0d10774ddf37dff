package io.twinline.simulator;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The /_sim admin endpoint: faults, counters, clock, reset. */
class AdminEndpointTest {

    static TrackerSimulator sim;

    @BeforeAll
    static void start() {
        sim = new TrackerSimulator().start(0);
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    Response admin(String method, String path, Object body) {
        var spec = RestAssured.given().baseUri(sim.baseUrl()).contentType("application/json");
        if (body != null) {
            spec = spec.body(body);
        }
        return spec.request(method, path);
    }

    @Test
    void scriptedFaultsCountersClockAndReset() {
        admin("POST", "/_sim/reset", null).then().statusCode(204);
        admin("PUT", "/_sim/freshdesk/faults", Map.of("script", List.of(500, 429, 200))).then().statusCode(200);
        var fd = RestAssured.given().baseUri(sim.baseUrl()).auth().preemptive().basic("demo-key", "X");
        Response e500 = fd.get("/api/v2/tickets/1");
        assertThat(e500.statusCode()).isEqualTo(500);
        assertThat(e500.jsonPath().getString("errors[0].code")).isNotBlank();
        Response e429 = fd.get("/api/v2/tickets/1");
        assertThat(e429.statusCode()).isEqualTo(429);
        assertThat(e429.header("Retry-After")).isEqualTo("1");
        assertThat(fd.get("/api/v2/tickets/1").statusCode()).isEqualTo(200);
        assertThat(fd.get("/api/v2/tickets/1").statusCode()).isEqualTo(200);
        Response counters = admin("GET", "/_sim/counters", null);
        assertThat(counters.jsonPath().getInt("freshdesk.endpoints.'GET /api/v2/tickets/:id'.total")).isEqualTo(4);
        assertThat(counters.jsonPath().getInt("freshdesk.endpoints.'GET /api/v2/tickets/:id'.byStatus.'500'")).isEqualTo(1);

        // a lost response: the ticket is created, the client sees a 500
        int before = sim.freshdesk().ticketCount();
        admin("PUT", "/_sim/freshdesk/faults", Map.of("script", List.of(-500))).then().statusCode(200);
        Response lost = fd.contentType("application/json").body(Map.of("email", "lost@b.example")).post("/api/v2/tickets");
        assertThat(lost.statusCode()).isEqualTo(500);
        assertThat(sim.freshdesk().ticketCount()).isEqualTo(before + 1);

        admin("PUT", "/_sim/jira/faults", Map.of("errorRate", 1.0)).then().statusCode(200);
        var jira = RestAssured.given().baseUri(sim.baseUrl()).auth().preemptive().basic("admin", "admin");
        assertThat(jira.get("/rest/api/2/issue/TEST-1").statusCode()).isEqualTo(500);
        admin("PUT", "/_sim/jira/faults", Map.of("errorRate", 0.0, "slowRate", 1.0, "slowMillis", 300)).then().statusCode(200);
        long t0 = System.nanoTime();
        assertThat(jira.get("/rest/api/2/issue/TEST-1").statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(290);
        assertThat(admin("PUT", "/_sim/jira/faults", Map.of("errorRate", 2)).statusCode()).isEqualTo(400);

        Response frozen = admin("POST", "/_sim/clock", Map.of("freeze", "2030-05-05T05:05:05Z"));
        assertThat(frozen.jsonPath().getString("clock.now")).isEqualTo("2030-05-05T05:05:05Z");
        admin("POST", "/_sim/clock", Map.of("advance", "PT1M")).then().statusCode(200);
        assertThat(admin("GET", "/_sim/clock", null).jsonPath().getString("jira")).isEqualTo("2030-05-05T05:06:05.000+0000");
        admin("PUT", "/_sim/freshdesk/tickets/1/updated_at", Map.of("updated_at", "2030-01-01T00:00:00Z")).then().statusCode(200);
        assertThat(fd.get("/api/v2/tickets/1").jsonPath().getString("updated_at")).isEqualTo("2030-01-01T00:00:00Z");
        admin("PUT", "/_sim/jira/issues/TEST-1/updated", Map.of("updated", "2030-01-01T00:00:00.123Z")).then().statusCode(200);

        admin("POST", "/_sim/reset", null).then().statusCode(204);
        assertThat(admin("GET", "/_sim/counters", null).jsonPath().getMap("")).isEmpty();
        assertThat(admin("GET", "/_sim/config", null).jsonPath().getBoolean("clock.frozen")).isFalse();
        assertThat(admin("GET", "/_sim/config", null).jsonPath().getDouble("jira.faults.slowRate")).isZero();
    }
}
