package io.twinline.connectors.freshdesk;

import io.twinline.connectors.SimulatorFixture;
import io.twinline.connectors.http.RetryPolicy;
import io.twinline.core.tracker.TrackerException;
import io.twinline.simulator.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Budget pacing, Retry-After and retries, proven by the simulator's counters (no real sleeping). */
class FreshdeskRateLimitTest extends SimulatorFixture {

    FreshdeskConnector connector(int budget) {
        return new FreshdeskConnector(FreshdeskConfig.builder(sim.baseUrl(), "demo-key").rateBudgetPerMinute(budget)
                .retry(RetryPolicy.defaults().withMaxAttempts(4)).clock(sim.clock()).sleeper(advancingSleeper).build());
    }

    @Test
    void neverExceedsTheAccountsPerMinuteBudget() {
        sim.freshdesk().configureRateLimit(Json.object().put("perMinute", 10));
        Instant start = sim.clock().instant();
        try (FreshdeskConnector fd = connector(0)) {
            for (int i = 0; i < 35; i++) {
                fd.getJson("read", "/api/v2/tickets/1");
            }
        }
        assertThat(sim.counters().totalWithStatus("freshdesk", 429)).isZero();
        assertThat(sim.counters().count("freshdesk", "GET /api/v2/tickets/:id", 200)).isEqualTo(35);
        // 35 requests at 10 per minute need at least three full windows after the first
        assertThat(Duration.between(start, sim.clock().instant())).isGreaterThanOrEqualTo(Duration.ofMinutes(3));
        assertThat(Duration.between(start, sim.clock().instant())).isLessThan(Duration.ofMinutes(4));
    }

    @Test
    void concurrentCallersShareOneBudget() throws Exception {
        sim.freshdesk().configureRateLimit(Json.object().put("perMinute", 10));
        Instant start = sim.clock().instant();
        try (FreshdeskConnector fd = connector(0)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        fd.getJson("read", "/api/v2/tickets/1");
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        assertThat(sim.counters().totalWithStatus("freshdesk", 429)).isZero();
        assertThat(sim.counters().count("freshdesk", "GET /api/v2/tickets/:id", 200)).isEqualTo(32);
        assertThat(Duration.between(start, sim.clock().instant())).isGreaterThanOrEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aConfiguredShareOfTheBudgetIsKeptEvenWhenTheAccountAllowsMore() {
        sim.freshdesk().configureRateLimit(Json.object().put("perMinute", 100));
        Instant start = sim.clock().instant();
        try (FreshdeskConnector fd = connector(5)) {
            for (int i = 0; i < 11; i++) {
                fd.getJson("read", "/api/v2/tickets/1");
            }
        }
        assertThat(Duration.between(start, sim.clock().instant())).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(sim.counters().totalWithStatus("freshdesk", 429)).isZero();
    }

    @Test
    void pacesPerEndpointBucketsAsConfigured() {
        sim.freshdesk().configureRateLimit(Json.object().put("perMinute", 1000).put("ticketsList", 4));
        Instant start = sim.clock().instant();
        try (FreshdeskConnector fd = new FreshdeskConnector(FreshdeskConfig.builder(sim.baseUrl(), "demo-key")
                .endpointBudget(FreshdeskConfig.TICKETS_LIST, 4).clock(sim.clock()).sleeper(advancingSleeper).build())) {
            for (int i = 0; i < 9; i++) {
                fd.getJson("list", "/api/v2/tickets?updated_since=2000-01-01T00:00:00Z");
                fd.getJson("read", "/api/v2/tickets/1"); // other endpoints are not held back by the bucket
            }
        }
        assertThat(sim.counters().totalWithStatus("freshdesk", 429)).isZero();
        assertThat(sim.counters().count("freshdesk", "GET /api/v2/tickets", 200)).isEqualTo(9);
        assertThat(Duration.between(start, sim.clock().instant())).isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void honoursRetryAfterWhenSomeoneElseSpentTheBudget() {
        sim.freshdesk().configureRateLimit(Json.object().put("perMinute", 3));
        try (FreshdeskConnector fd = connector(0); FreshdeskConnector other = connector(0)) {
            fd.getJson("read", "/api/v2/tickets/1");
            sim.clock().advance(Duration.ofSeconds(15));
            other.getJson("read", "/api/v2/tickets/2");
            other.getJson("read", "/api/v2/tickets/2");
            // our pacer counted only 1 of 3 and is told Remaining=0 only on its next answer: the simulator answers 429
            // with Retry-After 45 (until the window opened by the first request ends) and the connector waits exactly that
            fd.getJson("read", "/api/v2/tickets/3");
        }
        assertThat(sim.counters().count("freshdesk", "GET /api/v2/tickets/:id", 429)).isEqualTo(1);
        assertThat(sim.counters().count("freshdesk", "GET /api/v2/tickets/:id", 200)).isEqualTo(4);
        assertThat(sleeps).contains(Duration.ofSeconds(45));
    }

    @Test
    void injectedFaultsAreRetriedAndSurfaceOnlyWhenRetriesAreSpent() {
        try (FreshdeskConnector fd = connector(0)) {
            sim.freshdesk().faults().script(500, 503, 429);
            assertThat(fd.getJson("read", "/api/v2/tickets/1").path("id").asInt()).isEqualTo(1);
            assertThat(sim.counters().count("freshdesk", "GET /api/v2/tickets/:id")).isEqualTo(4);

            sim.counters().reset();
            sim.freshdesk().faults().script(500, 500, 500, 500);
            assertThatThrownBy(() -> fd.getJson("read", "/api/v2/tickets/1"))
                    .isInstanceOf(TrackerException.class)
                    .satisfies(e -> assertThat(((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.UNAVAILABLE))
                    .hasMessageContaining("failed after 4 attempts").hasMessageContaining("server error 500");
            assertThat(sim.counters().count("freshdesk", "GET /api/v2/tickets/:id")).isEqualTo(4);

            sim.counters().reset();
            sim.freshdesk().faults().script(429, 429, 429, 429);
            assertThatThrownBy(() -> fd.getJson("read", "/api/v2/tickets/1"))
                    .satisfies(e -> assertThat(((TrackerException) e).kind()).isEqualTo(TrackerException.Kind.RATE_LIMITED));
            assertThat(sim.counters().count("freshdesk", "GET /api/v2/tickets/:id", 429)).isEqualTo(4);
        }
    }

    @Test
    void slowAnswersTimeOutAndAreRetried() {
        sim.clock().unfreeze();
        sim.freshdesk().faults().configure(Json.object().put("slowRate", 1.0).put("slowMillis", 1500));
        try (FreshdeskConnector fd = new FreshdeskConnector(FreshdeskConfig.builder(sim.baseUrl(), "demo-key")
                .retry(RetryPolicy.defaults().withMaxAttempts(2).withRequestTimeout(Duration.ofMillis(300)))
                .clock(sim.clock()).sleeper(advancingSleeper).build())) {
            assertThatThrownBy(() -> fd.getJson("read", "/api/v2/tickets/1"))
                    .isInstanceOf(TrackerException.class).hasMessageContaining("timed out");
        }
        // The simulator still answers both slow requests after the client gave up; wait for them, so that they are not
        // counted in the next test's numbers.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sim.counters().count("freshdesk", "GET /api/v2/tickets/:id", 200) < 2 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sim.freshdesk().faults().reset();
    }
}
