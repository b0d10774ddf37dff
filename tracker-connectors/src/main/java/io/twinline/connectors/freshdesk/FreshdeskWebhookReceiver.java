package io.twinline.connectors.freshdesk;

import io.twinline.connectors.http.WebhookSecret;
import com.fasterxml.jackson.databind.JsonNode;
import io.twinline.connectors.http.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks and reads a call from a Freshdesk automation rule's "Trigger Webhook" action. Freshdesk signs
 * nothing, so the rule is set up to send the connection's secret, and this class accepts it in any of the
 * forms a rule can send: a custom header {@code X-Twinline-Webhook-Secret}, {@code Authorization: Bearer
 * <secret>}, or the rule's auth header (Basic, secret as password). Comparison is constant-time. The payload
 * is only a hint: the agent re-reads the ticket it names. The agent's HTTP endpoint calls {@link #receive}.
 */
public final class FreshdeskWebhookReceiver {

    public static final String SECRET_HEADER = "X-Twinline-Webhook-Secret";

    /** What the call said. {@code event} is the rule's {@code triggered_event} text when the template sends it. */
    public record Event(String ticketId, Optional<String> event, JsonNode payload) {
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

    public FreshdeskWebhookReceiver(String secret) {
        this.secret = new WebhookSecret(secret);
    }

    /**
     * @param headers request headers (any case); values as received
     * @param body    the raw request body
     * @throws Rejected 401 when no valid secret came with the call, 400 when the body names no ticket
     */
    public Event receive(Map<String, List<String>> headers, byte[] body) {
        if (!authenticated(headers)) {
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
        // Rule templates differ: the classic placeholder wrapper, a flat object, or a ticket object.
        JsonNode root = payload.has("freshdesk_webhook") ? payload.get("freshdesk_webhook") : payload;
        String id = firstText(root, "ticket_id", "id");
        if (id == null && root.has("ticket")) {
            id = firstText(root.get("ticket"), "id", "ticket_id");
        }
        if (id != null) {
            id = id.trim();
            if (id.startsWith("#")) {
                id = id.substring(1);
            }
        }
        if (id == null || !id.matches("\\d{1,18}")) {
            throw new Rejected(400, "webhook body names no ticket: expected a numeric ticket_id");
        }
        String event = firstText(root, "triggered_event", "ticket_triggered_event", "event");
        return new Event(id, Optional.ofNullable(event), payload);
    }

    private boolean authenticated(Map<String, List<String>> headers) {
        boolean ok = false;
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() == null || h.getValue() == null) {
                continue;
            }
            String name = h.getKey().toLowerCase(Locale.ROOT);
            for (String value : h.getValue()) {
                if (value == null) {
                    continue;
                }
                String candidate = null;
                if (name.equals(SECRET_HEADER.toLowerCase(Locale.ROOT))) {
                    candidate = value.trim();
                } else if (name.equals("authorization")) {
                    candidate = fromAuthorization(value.trim());
                }
                // Every candidate is compared (no early exit) so timing says nothing about which one matched.
                if (candidate != null) {
                    ok |= secret.matches(candidate);
                }
            }
        }
        return ok;
    }

    private static String fromAuthorization(String value) {
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return value.substring(7).trim();
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static String firstText(JsonNode node, String... names) {
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && !v.isNull() && (v.isTextual() || v.isNumber())) {
                return v.asText();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "FreshdeskWebhookReceiver[secret=***]";
    }
}
