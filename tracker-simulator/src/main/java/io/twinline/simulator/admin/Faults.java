package io.twinline.simulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * Fault injection for one simulated API: a share of 500s, of 429s, of lost answers (the request carried
 * out, a 500 returned) and of slow answers, drawn from a seeded random source so runs repeat, plus a script
 * of exact statuses for the next requests (deterministic tests use the script). It counts the faults it
 * injected and the early retries: a request sent again before the {@code Retry-After} of its 429 ran out.
 */
public final class Faults {

    /**
     * What to do with one request. {@code status} 0 = answer normally; with {@code afterHandler} the request is
     * carried out and only its answer is replaced by {@code status} (a lost response).
     */
    public record Decision(int status, long delayMillis, int retryAfterSeconds, boolean afterHandler) {
        static final Decision NONE = new Decision(0, 0, 0, false);
    }

    private double errorRate;
    private double tooManyRate;
    private double slowRate;
    private double lostRate;
    /** Per request (method and URI): when the Retry-After of an injected 429 for it runs out. */
    private final java.util.Map<String, Long> retryNotBefore = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Long> eldest) {
            return size() > 10_000;
        }
    };
    private long earlyRetries;
    private long injected;
    private long slowMillis = 2000;
    private int retryAfterSeconds = 1;
    private long seed = 42;
    private Random random = new Random(seed);
    private final Deque<Integer> script = new ArrayDeque<>();

    public synchronized Decision next() {
        return next(null);
    }

    /**
     * As {@link #next()} for one request ({@code request}: its method and URI, null when unknown). A request that comes
     * again before the {@code Retry-After} of the 429 injected for it ran out is counted as an early retry, so tests can
     * prove clients honour it.
     */
    public synchronized Decision next(String request) {
        long now = System.currentTimeMillis();
        if (request != null) {
            Long notBefore = retryNotBefore.remove(request);
            if (notBefore != null && now < notBefore) {
                earlyRetries++;
            }
        }
        Decision decision = draw();
        if (decision.status() != 0) {
            injected++;
        }
        if (request != null && decision.status() == 429 && !decision.afterHandler()) {
            // Allow for the clock's resolution and the client's own rounding: 100 ms before the end is not early.
            retryNotBefore.put(request, now + decision.retryAfterSeconds() * 1000L - 100);
        }
        return decision;
    }

    private Decision draw() {
        long delay = slowRate > 0 && random.nextDouble() < slowRate ? slowMillis : 0;
        if (!script.isEmpty()) {
            int status = script.poll();
            // negative entries: do the work, then answer with that status
            return status < 0 ? new Decision(-status, delay, retryAfterSeconds, true)
                    : new Decision(status, delay, retryAfterSeconds, false);
        }
        if (errorRate > 0 && random.nextDouble() < errorRate) {
            return new Decision(500, delay, retryAfterSeconds, false);
        }
        if (tooManyRate > 0 && random.nextDouble() < tooManyRate) {
            return new Decision(429, delay, retryAfterSeconds, false);
        }
        if (lostRate > 0 && random.nextDouble() < lostRate) {
            return new Decision(500, delay, retryAfterSeconds, true); // carried out, the answer lost
        }
        return delay == 0 ? Decision.NONE : new Decision(0, delay, 0, false);
    }

    /**
     * Answers the next requests with these statuses, in order (200 = answer normally). A negative status
     * (e.g. -500) carries the request out and then answers with that status: the response was "lost".
     */
    public synchronized void script(int... statuses) {
        for (int s : statuses) {
            script.add(s == 200 ? 0 : s);
        }
    }

    public synchronized void configure(JsonNode cfg) {
        if (cfg.has("errorRate")) errorRate = rate(cfg, "errorRate");
        if (cfg.has("tooManyRate")) tooManyRate = rate(cfg, "tooManyRate");
        if (cfg.has("slowRate")) slowRate = rate(cfg, "slowRate");
        if (cfg.has("lostRate")) lostRate = rate(cfg, "lostRate");
        if (cfg.has("slowMillis")) slowMillis = cfg.get("slowMillis").asLong();
        if (cfg.has("retryAfterSeconds")) retryAfterSeconds = cfg.get("retryAfterSeconds").asInt();
        if (cfg.has("seed")) {
            seed = cfg.get("seed").asLong();
            random = new Random(seed);
        }
        if (cfg.has("script")) {
            script.clear();
            cfg.get("script").forEach(n -> script.add(n.asInt() == 200 ? 0 : n.asInt()));
        }
    }

    private static double rate(JsonNode cfg, String name) {
        double r = cfg.get(name).asDouble();
        if (r < 0 || r > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
        return r;
    }

    public synchronized void reset() {
        errorRate = tooManyRate = slowRate = lostRate = 0;
        retryNotBefore.clear();
        earlyRetries = 0;
        injected = 0;
        slowMillis = 2000;
        retryAfterSeconds = 1;
        seed = 42;
        random = new Random(seed);
        script.clear();
    }

    public synchronized ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("errorRate", errorRate).put("tooManyRate", tooManyRate).put("slowRate", slowRate).put("lostRate", lostRate)
                .put("injected", injected).put("earlyRetries", earlyRetries)
                .put("slowMillis", slowMillis).put("retryAfterSeconds", retryAfterSeconds).put("seed", seed);
        o.set("script", Json.MAPPER.valueToTree(script.stream().map(s -> s == 0 ? 200 : s).toList()));
        return o;
    }
}
