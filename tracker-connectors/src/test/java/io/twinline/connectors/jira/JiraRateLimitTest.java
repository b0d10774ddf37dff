package io.twinline.connectors.jira;

import io.twinline.connectors.SimulatorFixture;
import io.twinline.connectors.http.RetryPolicy;
import io.twinline.core.tracker.TrackerException;
import io.twinline.simulator.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Jira DC's token bucket, 429 + retry-after and injected faults, proven by the simulator's counters. */
class JiraRateLimitTest extends SimulatorFixture {

    JiraConnector connector() {
        return new JiraConnector(JiraConfig.basic(sim.baseUrl(), "admin", "admin")
                .retry(RetryPolicy.defaults().withMaxAttempts(4)).clock(sim.clock()).sleeper(advancingSleeper).build());
    }

    @Test
    void staysInsideTheTokenBucket() {
        sim.jira().configureRateLimit(Json.object().put("enabled", true).put("capacity", 5).put("fillRate", 1).put("intervalSeconds", 2));
        Instant start = sim.clock().instant();
        try (JiraConnector jira = connector()) {
            for (int i = 0; i < 25; i++) {
                jira.getJson("read", "/rest/api/2/issue/TEST-1");
            }
        }
        // the first answer teaches the connector the bucket; from then on it never runs dry
        assertThat(sim.counters().totalWithStatus("jira", 429)).isZero();
        assertThat(sim.counters().count("jira", "GET /rest/api/2/issue/:key", 200)).isEqualTo(25);
        // 25 requests from a bucket of 5 refilled at 0.5/s take at least 40 s
        assertThat(Duration.between(start, sim.clock().instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void concurrentCallersShareOneBucket() throws Exception {
        sim.jira().configureRateLimit(Json.object().put("enabled", true).put("capacity", 4).put("fillRate", 1).put("intervalSeconds", 1));
        try (JiraConnector jira = connector()) {
            jira.getJson("learn the bucket", "/rest/api/2/myself");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 6; i++) {
                        jira.getJson("read", "/rest/api/2/issue/TEST-1");
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        assertThat(sim.counters().totalWithStatus("jira", 429)).isZero();
        assertThat(sim.counters().count("jira", "GET /rest/api/2/issue/:key", 200)).isEqualTo(24);
    }

    @Test
    void honoursRetryAfterOnA429() {
        sim.jira().faults().configure(Json.object().put("retryAfterSeconds", 17));
        sim.jira().faults().script(429);
        try (JiraConnector jira = connector()) {
            assertThat(jira.getJson("read", "/rest/api/2/issue/TEST-1").path("key").asText()).isEqualTo("TEST-1");
        }
        assertThat(sim.counters().count("jira", "GET /rest/api/2/issue/:key", 429)).isEqualTo(1);
        assertThat(sim.counters().count("jira", "GET /rest/api/2/issue/:key", 200)).isEqualTo(1);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(17));
    }

    @Test
    void faultsAreRetriedUntilTheAttemptsAreSpent() {
        try (JiraConnector jira = connector()) {
            sim.jira().faults().script(500, 502, 503);
            assertThat(jira.getJson("read", "/rest/api/2/issue/TEST-1").path("key").asText()).isEqualTo("TEST-1");
            assertThat(sim.counters().count("jira", "GET /rest/api/2/issue/:key")).isEqualTo(4);
            sim.counters().reset();
            sim.jira().faults().script(500, 500, 500, 500);
            assertThatThrownBy(() -> jira.getJson("read", "/rest/api/2/issue/TEST-1")).isInstanceOf(TrackerException.class)
                    .satisfies(e -> assertThat(((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.UNAVAILABLE))
                    .hasMessageContaining("failed after 4 attempts");
            assertThat(sim.counters().count("jira", "GET /rest/api/2/issue/:key")).isEqualTo(4);
            // a random share of failures at a fixed seed: the calls still succeed
            sim.counters().reset();
            sim.jira().faults().configure(Json.object().put("errorRate", 0.3).put("seed", 7));
            for (int i = 0; i < 20; i++) {
                assertThat(jira.getJson("read", "/rest/api/2/issue/TEST-1").path("key").asText()).isEqualTo("TEST-1");
            }
            assertThat(sim.counters().count("jira", "GET /rest/api/2/issue/:key", 500)).isPositive();
            assertThat(sim.counters().count("jira", "GET /rest/api/2/issue/:key", 200)).isEqualTo(20);
        }
    }
}
