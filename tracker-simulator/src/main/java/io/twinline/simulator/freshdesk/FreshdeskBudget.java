package io.twinline.simulator.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Freshdesk's per-account, per-minute budget plus the per-endpoint buckets (ticket create, ticket
 * update, tickets list, contacts list). A fixed 60-second window starts with the first call after the
 * previous one ended; rejected calls are charged too, as on the real service.
 */
final class FreshdeskBudget {

    static final String CREATE = "ticketCreate";
    static final String UPDATE = "ticketUpdate";
    static final String TICKETS_LIST = "ticketsList";
    static final String CONTACTS_LIST = "contactsList";
    static final int DEFAULT_PER_MINUTE = 100_000;

    record Charge(boolean allowed, int total, int remaining, int cost, long retryAfterSeconds) {
    }

    private int perMinute = DEFAULT_PER_MINUTE;
    private final Map<String, Integer> bucketLimits = new TreeMap<>();
    private Instant windowStart;
    private int used;
    private final Map<String, Integer> bucketUsed = new HashMap<>();

    synchronized Charge charge(String bucket, int cost, Instant now) {
        if (windowStart == null || !now.isBefore(windowStart.plusSeconds(60))) {
            windowStart = now;
            used = 0;
            bucketUsed.clear();
        }
        boolean allowed = used + cost <= perMinute;
        Integer bucketLimit = bucket == null ? null : bucketLimits.get(bucket);
        if (bucketLimit != null && bucketUsed.getOrDefault(bucket, 0) + 1 > bucketLimit) {
            allowed = false;
        }
        used += cost;
        if (bucket != null) {
            bucketUsed.merge(bucket, 1, Integer::sum);
        }
        long retryAfter = 0;
        if (!allowed) {
            long millisLeft = Duration.between(now, windowStart.plusSeconds(60)).toMillis();
            retryAfter = Math.max(1, (millisLeft + 999) / 1000);
        }
        return new Charge(allowed, perMinute, Math.max(0, perMinute - used), cost, retryAfter);
    }

    synchronized void configure(JsonNode cfg) {
        if (cfg.has("perMinute")) {
            int v = cfg.get("perMinute").asInt();
            if (v < 1) {
                throw new IllegalArgumentException("perMinute must be at least 1");
            }
            perMinute = v;
        }
        for (String b : new String[] {CREATE, UPDATE, TICKETS_LIST, CONTACTS_LIST}) {
            if (cfg.has(b)) {
                JsonNode v = cfg.get(b);
                if (v.isNull() || v.asInt() <= 0) {
                    bucketLimits.remove(b);
                } else {
                    bucketLimits.put(b, v.asInt());
                }
            }
        }
        windowStart = null;
    }

    synchronized void reset() {
        perMinute = DEFAULT_PER_MINUTE;
        bucketLimits.clear();
        windowStart = null;
        used = 0;
        bucketUsed.clear();
    }

    synchronized ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("perMinute", perMinute);
        bucketLimits.forEach(o::put);
        o.put("usedInWindow", used);
        o.put("windowStart", FreshdeskTime.format(windowStart));
        return o;
    }
}
