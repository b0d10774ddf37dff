package io.twinline.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinline.core.tracker.TrackerException;

import java.io.IOException;
import java.net.http.HttpResponse;

/** Jackson for the connectors; unreadable answers become clear {@link TrackerException}s. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static JsonNode read(String tracker, String operation, HttpResponse<byte[]> response) {
        try {
            JsonNode n = MAPPER.readTree(response.body());
            if (n == null || n.isMissingNode()) {
                throw new IOException("empty body");
            }
            return n;
        } catch (IOException e) {
            throw new TrackerException(tracker, TrackerException.Kind.BAD_RESPONSE, response.statusCode(),
                    tracker + ": " + operation + ": the tracker's answer is not the expected JSON (" + e.getMessage() + ")", null, e);
        }
    }

    public static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise a request body: " + e.getMessage(), e);
        }
    }
}
