package io.twinline.connectors.jira;

import io.twinline.connectors.http.WebhookSecret;
import com.fasterxml.jackson.databind.JsonNode;
import io.twinline.connectors.http.Json;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks and reads a call from a Jira Data Center webhook (Administration → System → WebHooks), which the private agent
 * takes from inside the partner's own network. Jira DC webhooks sign nothing and cannot add headers, so the webhook URL
 * carries the connection's secret as the query parameter {@code secret}; a proxy or script that can set headers may
 * send it as {@code X-Twinline-Webhook-Secret} or {@code Authorization: Bearer <secret>} instead. Comparison is
 * constant-time. The payload is only a hint: the agent re-reads the issue it names ({@code issue.key}, present in the
 * {@code jira:issue_*} and {@code comment_*} events).
 */
public final class JiraWebhookReceiver {

    public static final String SECRET_HEADER = "X-Twinline-Webhook-Secret";
    public static final String SECRET_PARAMETER = "secret";
    private static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]*-[1-9][0-9]{0,17}");

    /** What the call said: the issue and, when sent, Jira's {@code webhookEvent} (e.g. {@code jira:issue_updated}). */
    public record Event(String issueKey, Optional<String> webhookEvent, JsonNode payload) {
    }

    /** The call cannot be accepted; {@code status} is what the endpoint answers (401 or 400). */
    public static final class Rejected extends RuntimeException {
        private final int status;

        public Rejected(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final WebhookSecret secret;

    public JiraWebhookReceiver(String secret) {
        this.secret = new WebhookSecret(secret);
    }

    /**
     * @param headers    request headers (any case)
     * @param parameters query parameters
     * @param body       the raw request body
     * @throws Rejected 401 when no valid secret came with the call, 400 when the body names no issue
     */
    public Event receive(Map<String, List<String>> headers, Map<String, List<String>> parameters, byte[] body) {
        if (!authenticated(headers, parameters)) {
            throw new Rejected(401, "webhook call without a valid connection secret");
        }
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw new Rejected(400, "webhook body is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw new Rejected(400, "webhook body must be a JSON object");
        }
        JsonNode event = payload.get("webhookEvent");
        if (event != null && !event.isNull() && !event.isTextual()) {
            throw new Rejected(400, "webhookEvent must be text");
        }
        JsonNode key = payload.path("issue").path("key");
        if (!key.isTextual() || !ISSUE_KEY.matcher(key.asText()).matches()) {
            throw new Rejected(400, "webhook body names no issue: expected issue.key like PROJ-123");
        }
        return new Event(key.asText(), Optional.ofNullable(event).filter(JsonNode::isTextual).map(JsonNode::asText), payload);
    }

    private boolean authenticated(Map<String, List<String>> headers, Map<String, List<String>> parameters) {
        boolean ok = false;
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (SECRET_PARAMETER.equals(p.getKey()) && p.getValue() != null) {
                for (String value : p.getValue()) {
                    ok |= matches(value);
                }
            }
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() == null || h.getValue() == null) {
                continue;
            }
            String name = h.getKey().toLowerCase(Locale.ROOT);
            for (String value : h.getValue()) {
                if (value == null) {
                    continue;
                }
                if (name.equals(SECRET_HEADER.toLowerCase(Locale.ROOT))) {
                    ok |= matches(value.trim());
                } else if (name.equals("authorization") && value.trim().regionMatches(true, 0, "Bearer ", 0, 7)) {
                    ok |= matches(value.trim().substring(7).trim());
                }
            }
        }
        return ok;
    }

    /** Every candidate is compared in full (no early exit), digests first so length says nothing either. */
    private boolean matches(String candidate) {
        return secret.matches(candidate);
    }

    @Override
    public String toString() {
        return "JiraWebhookReceiver[secret=***]";
    }
}
