package io.twinline.connectors.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinline.connectors.http.ErrorReader;
import io.twinline.connectors.http.Json;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code {"description": …, "errors": [{"field", "message", "code"}]}}. */
final class FreshdeskErrorReader implements ErrorReader {

    @Override
    public TrackerError read(HttpResponse<byte[]> response) {
        String ct = response.headers().firstValue("Content-Type").orElse("");
        if (!ct.startsWith("application/json")) {
            return new TrackerError(null, Map.of());
        }
        try {
            JsonNode n = Json.MAPPER.readTree(response.body());
            Map<String, String> fields = new LinkedHashMap<>();
            StringBuilder msg = new StringBuilder(n.path("description").asText(""));
            for (JsonNode e : n.path("errors")) {
                String code = e.path("code").asText("");
                String text = e.path("message").asText("") + (code.isEmpty() ? "" : " (" + code + ")");
                if (e.hasNonNull("field")) {
                    fields.put(e.get("field").asText(), text);
                } else if (!text.isBlank() && !msg.toString().contains(e.path("message").asText("\0"))) {
                    msg.append(msg.length() == 0 ? "" : "; ").append(text);
                } else if (!code.isEmpty()) {
                    msg.append(" (").append(code).append(")");
                }
            }
            return new TrackerError(msg.toString(), fields);
        } catch (Exception e) {
            return new TrackerError(null, Map.of());
        }
    }
}
