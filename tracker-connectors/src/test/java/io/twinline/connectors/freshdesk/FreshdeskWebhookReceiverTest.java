package io.twinline.connectors.freshdesk;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreshdeskWebhookReceiverTest {

    static final String SECRET = "s3cret-for-connection-42";
    final FreshdeskWebhookReceiver receiver = new FreshdeskWebhookReceiver(SECRET);

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsTheSecretInEveryFormARuleCanSend() {
        byte[] body = json("{\"freshdesk_webhook\":{\"ticket_id\":\"123\",\"triggered_event\":\"{ticket_action:created}\"}}");
        FreshdeskWebhookReceiver.Event e = receiver.receive(Map.of("X-Twinline-Webhook-Secret", List.of(SECRET)), body);
        assertThat(e.ticketId()).isEqualTo("123");
        assertThat(e.event()).contains("{ticket_action:created}");
        assertThat(receiver.receive(Map.of("authorization", List.of("Bearer " + SECRET)), json("{\"ticket_id\": 7}")).ticketId())
                .isEqualTo("7");
        String basic = Base64.getEncoder().encodeToString(("twinline:" + SECRET).getBytes(StandardCharsets.UTF_8));
        assertThat(receiver.receive(Map.of("Authorization", List.of("Basic " + basic)), json("{\"ticket\":{\"id\":9}}")).ticketId())
                .isEqualTo("9");
    }

    @Test
    void refusesMissingOrWrongSecrets() {
        byte[] body = json("{\"ticket_id\": 1}");
        for (Map<String, List<String>> headers : List.of(Map.<String, List<String>>of(),
                Map.of("X-Twinline-Webhook-Secret", List.of(SECRET + "x")),
                Map.of("X-Twinline-Webhook-Secret", List.of(SECRET.substring(1))),
                Map.of("Authorization", List.of("Bearer nope")),
                Map.of("Authorization", List.of("Basic !!not-base64")))) {
            assertThatThrownBy(() -> receiver.receive(headers, body)).isInstanceOf(FreshdeskWebhookReceiver.Rejected.class)
                    .satisfies(ex -> assertThat(((FreshdeskWebhookReceiver.Rejected) ex).status()).isEqualTo(401))
                    .hasMessageNotContaining(SECRET);
        }
        assertThat(receiver.toString()).doesNotContain(SECRET);
        assertThatThrownBy(() -> new FreshdeskWebhookReceiver("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBodiesThatNameNoTicket() {
        Map<String, List<String>> ok = Map.of("X-Twinline-Webhook-Secret", List.of(SECRET));
        for (String body : List.of("not json", "[1,2]", "{}", "{\"ticket_id\": \"abc\"}", "{\"freshdesk_webhook\": {}}")) {
            assertThatThrownBy(() -> receiver.receive(ok, json(body))).isInstanceOf(FreshdeskWebhookReceiver.Rejected.class)
                    .satisfies(ex -> assertThat(((FreshdeskWebhookReceiver.Rejected) ex).status()).isEqualTo(400));
        }
        assertThat(receiver.receive(ok, json("{\"ticket_id\": \"#55\"}")).ticketId()).isEqualTo("55");
    }
}
