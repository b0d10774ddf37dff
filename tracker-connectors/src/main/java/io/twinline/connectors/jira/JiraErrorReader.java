package io.twinline.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinline.connectors.http.ErrorReader;
import io.twinline.connectors.http.Json;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads Jira's ErrorCollection {@code {"errorMessages": [], "errors": {}}}; spots the CAPTCHA lock-out. */
final class JiraErrorReader implements ErrorReader {

    @Override
    public TrackerError read(HttpResponse<byte[]> response) {
        String ct = response.headers().firstValue("Content-Type").orElse("");
        // Not every Jira error is JSON (the CAPTCHA answer is HTML): parse only what says it is.
        if (!ct.startsWith("application/json")) {
            return new TrackerError(null, Map.of());
        }
        try {
            JsonNode n = Json.MAPPER.readTree(response.body());
            List<String> messages = new ArrayList<>();
            n.path("errorMessages").forEach(m -> messages.add(m.asText()));
            Map<String, String> fields = new LinkedHashMap<>();
            n.path("errors").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
            return new TrackerError(String.join("; ", messages), fields);
        } catch (Exception e) {
            return new TrackerError(null, Map.of());
        }
    }

    @Override
    public boolean isLockout(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status != 401 && status != 403) {
            return false;
        }
        String reason = response.headers().firstValue("X-Seraph-LoginReason").orElse("");
        return reason.contains("AUTHENTICATION_DENIED") || response.headers().firstValue("X-Authentication-Denied-Reason").isPresent();
    }
}
