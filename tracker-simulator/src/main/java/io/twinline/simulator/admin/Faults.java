package io.twinline.simulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * Fault injection for one simulated API: a share of 500s, of 429s and of slow answers, drawn from a
 * seeded random source so runs repeat, plus a script of exact statuses for the next requests
 * (deterministic tests use the script).
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
    private long slowMillis = 2000;
    private int retryAfterSeconds = 1;
    private long seed = 42;
    private Random random = new Random(seed);
    private final Deque<Integer> script = new ArrayDeque<>();

    public synchronized Decision next() {
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
        errorRate = tooManyRate = slowRate = 0;
        slowMillis = 2000;
        retryAfterSeconds = 1;
        seed = 42;
        random = new Random(seed);
        script.clear();
    }

    public synchronized ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("errorRate", errorRate).put("tooManyRate", tooManyRate).put("slowRate", slowRate)
                .put("slowMillis", slowMillis).put("retryAfterSeconds", retryAfterSeconds).put("seed", seed);
        o.set("script", Json.MAPPER.valueToTree(script.stream().map(s -> s == 0 ? 200 : s).toList()));
        return o;
    }
}
