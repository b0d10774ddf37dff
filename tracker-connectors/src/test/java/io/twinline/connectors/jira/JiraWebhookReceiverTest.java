package io.twinline.connectors.jira;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JiraWebhookReceiverTest {

    static final String SECRET = "jira-hook-secret-for-conn-42";
    static final Map<String, List<String>> NONE = Map.of();
    final JiraWebhookReceiver receiver = new JiraWebhookReceiver(SECRET);

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Shaped like Jira DC's payloads: an issue event and a comment event, both naming the issue. */
    static final String ISSUE_UPDATED = "{\"timestamp\":1700000000000,\"webhookEvent\":\"jira:issue_updated\","
            + "\"issue_event_type_name\":\"issue_generic\",\"user\":{\"name\":\"admin\"},"
            + "\"issue\":{\"id\":\"10002\",\"self\":\"http://jira/rest/api/2/issue/10002\",\"key\":\"SUP-17\",\"fields\":{\"summary\":\"x\"}},"
            + "\"changelog\":{\"id\":\"1\",\"items\":[{\"field\":\"summary\"}]}}";
    static final String COMMENT_CREATED = "{\"timestamp\":1700000000000,\"webhookEvent\":\"comment_created\","
            + "\"comment\":{\"id\":\"10100\",\"body\":\"hello\"},\"issue\":{\"id\":\"10002\",\"key\":\"SUP-17\"}}";

    @Test
    void readsTheIssueKeyAndEventWithTheSecretInTheUrlOrAHeader() {
        JiraWebhookReceiver.Event e = receiver.receive(NONE, Map.of("secret", List.of(SECRET)), json(ISSUE_UPDATED));
        assertThat(e.issueKey()).isEqualTo("SUP-17");
        assertThat(e.webhookEvent()).contains("jira:issue_updated");
        assertThat(receiver.receive(Map.of("x-twinline-webhook-secret", List.of(SECRET)), NONE, json(COMMENT_CREATED)).webhookEvent())
                .contains("comment_created");
        assertThat(receiver.receive(Map.of("Authorization", List.of("Bearer " + SECRET)), NONE,
                json("{\"issue\":{\"key\":\"AB_C2-9\"}}")).issueKey()).isEqualTo("AB_C2-9");
        // a wrong value next to the right one does not hide it
        assertThat(receiver.receive(NONE, Map.of("secret", List.of("wrong", SECRET)), json(ISSUE_UPDATED)).issueKey()).isEqualTo("SUP-17");
    }

    @Test
    void refusesMissingOrWrongSecretsWithoutNamingThem() {
        for (Map<String, List<String>> params : List.of(NONE, Map.of("secret", List.of(SECRET + "x")),
                Map.of("secret", List.of(SECRET.substring(1))), Map.of("Secret", List.of(SECRET)), Map.of("token", List.of(SECRET)))) {
            assertThatThrownBy(() -> receiver.receive(Map.of("Authorization", List.of("Basic " + SECRET)), params, json(ISSUE_UPDATED)))
                    .isInstanceOf(JiraWebhookReceiver.Rejected.class)
                    .satisfies(ex -> assertThat(((JiraWebhookReceiver.Rejected) ex).status()).isEqualTo(401))
                    .hasMessageNotContaining(SECRET);
        }
        // the secret is checked before the body is looked at: a bad body without the secret is still 401
        assertThatThrownBy(() -> receiver.receive(NONE, NONE, json("not json")))
                .satisfies(ex -> assertThat(((JiraWebhookReceiver.Rejected) ex).status()).isEqualTo(401));
        assertThat(receiver.toString()).doesNotContain(SECRET);
        assertThatThrownBy(() -> new JiraWebhookReceiver("too-short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JiraWebhookReceiver(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBodiesThatNameNoIssue() {
        Map<String, List<String>> ok = Map.of("secret", List.of(SECRET));
        for (String body : List.of("", "not json", "[1]", "{}", "{\"issue\":{}}", "{\"issue\":{\"key\":17}}",
                "{\"issue\":{\"key\":\"sup-1\"}}", "{\"issue\":{\"key\":\"SUP-0\"}}", "{\"issue\":{\"key\":\"SUP-1; DROP\"}}",
                "{\"issue\":{\"id\":\"10002\"}}", "{\"webhookEvent\":5,\"issue\":{\"key\":\"SUP-1\"}}")) {
            assertThatThrownBy(() -> receiver.receive(NONE, ok, json(body))).as(body).isInstanceOf(JiraWebhookReceiver.Rejected.class)
                    .satisfies(ex -> assertThat(((JiraWebhookReceiver.Rejected) ex).status()).isEqualTo(400));
        }
        assertThat(receiver.receive(NONE, ok, json("{\"issue\":{\"key\":\"SUP-1\"}}")).webhookEvent()).isEmpty();
    }
}
