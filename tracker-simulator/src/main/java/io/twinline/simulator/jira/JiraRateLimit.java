package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jira DC's per-user token bucket: {@code fillRate} tokens every {@code intervalSeconds}, at most
 * {@code capacity} kept. Off by default, as on a fresh Data Center instance.
 */
final class JiraRateLimit {

    record Result(boolean allowed, int capacity, int remaining, int intervalSeconds, int fillRate, long retryAfter) {
    }

    private boolean enabled;
    private int capacity = 100;
    private int fillRate = 10;
    private int intervalSeconds = 1;
    private final Set<String> exempt = new TreeSet<>();
    private final Map<String, double[]> buckets = new HashMap<>(); // user → {tokens, lastRefillMillis}

    synchronized boolean enabledFor(String user) {
        return enabled && !exempt.contains(user);
    }

    synchronized Result take(String user, Instant now) {
        double perMilli = (double) fillRate / (intervalSeconds * 1000.0);
        double[] b = buckets.computeIfAbsent(user, u -> new double[] {capacity, now.toEpochMilli()});
        double elapsed = Math.max(0, now.toEpochMilli() - b[1]);
        b[0] = Math.min(capacity, b[0] + elapsed * perMilli);
        b[1] = now.toEpochMilli();
        if (b[0] >= 1) {
            b[0] -= 1;
            return new Result(true, capacity, (int) Math.floor(b[0]), intervalSeconds, fillRate, 0);
        }
        long wait = (long) Math.ceil((1 - b[0]) / perMilli / 1000.0);
        return new Result(false, capacity, 0, intervalSeconds, fillRate, Math.max(1, wait));
    }

    synchronized void configure(JsonNode cfg) {
        if (cfg.has("enabled")) enabled = cfg.get("enabled").asBoolean();
        if (cfg.has("capacity")) capacity = positive(cfg, "capacity");
        if (cfg.has("fillRate")) fillRate = positive(cfg, "fillRate");
        if (cfg.has("intervalSeconds")) intervalSeconds = positive(cfg, "intervalSeconds");
        if (cfg.has("exemptUsers")) {
            exempt.clear();
            cfg.get("exemptUsers").forEach(u -> exempt.add(u.asText()));
        }
        buckets.clear();
    }

    private static int positive(JsonNode cfg, String name) {
        int v = cfg.get(name).asInt();
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return v;
    }

    synchronized void reset() {
        enabled = false;
        capacity = 100;
        fillRate = 10;
        intervalSeconds = 1;
        exempt.clear();
        buckets.clear();
    }

    synchronized ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("enabled", enabled).put("capacity", capacity).put("fillRate", fillRate)
                .put("intervalSeconds", intervalSeconds);
        o.set("exemptUsers", Json.strings(exempt));
        return o;
    }

}
