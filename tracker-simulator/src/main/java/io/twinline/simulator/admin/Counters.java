package io.twinline.simulator.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;

import java.util.Map;
import java.util.TreeMap;

/**
 * Requests per API and endpoint (method + route template), split by response status. Tests and the
 * benchmark read them to prove what a client did, instead of timing it.
 */
public final class Counters {

    /** api → endpoint → status → count */
    private final Map<String, Map<String, Map<Integer, Long>>> counts = new TreeMap<>();

    public synchronized void record(String api, String endpoint, int status) {
        counts.computeIfAbsent(api, a -> new TreeMap<>())
                .computeIfAbsent(endpoint, e -> new TreeMap<>())
                .merge(status, 1L, Long::sum);
    }

    /** Requests to one endpoint, e.g. {@code count("freshdesk", "GET /api/v2/tickets")}. */
    public synchronized long count(String api, String endpoint) {
        return endpointCounts(api, endpoint).values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized long count(String api, String endpoint, int status) {
        return endpointCounts(api, endpoint).getOrDefault(status, 0L);
    }

    /** All requests to one API. */
    public synchronized long total(String api) {
        return counts.getOrDefault(api, Map.of()).values().stream()
                .flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }

    /** All requests to one API answered with the given status. */
    public synchronized long totalWithStatus(String api, int status) {
        return counts.getOrDefault(api, Map.of()).values().stream()
                .mapToLong(m -> m.getOrDefault(status, 0L)).sum();
    }

    public synchronized void reset() {
        counts.clear();
    }

    public synchronized ObjectNode toJson() {
        ObjectNode root = Json.object();
        counts.forEach((api, endpoints) -> {
            ObjectNode a = root.putObject(api);
            a.put("total", total(api));
            ObjectNode eps = a.putObject("endpoints");
            endpoints.forEach((endpoint, byStatus) -> {
                ObjectNode e = eps.putObject(endpoint);
                e.put("total", byStatus.values().stream().mapToLong(Long::longValue).sum());
                ObjectNode s = e.putObject("byStatus");
                byStatus.forEach((status, n) -> s.put(String.valueOf(status), n));
            });
        });
        return root;
    }

    private Map<Integer, Long> endpointCounts(String api, String endpoint) {
        return counts.getOrDefault(api, Map.of()).getOrDefault(endpoint, Map.of());
    }
}
