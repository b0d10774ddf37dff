package io.twinline.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.core.model.Side;
import io.twinline.core.replica.ReplicaFormatException;
import io.twinline.core.tracker.catalogue.DefaultCatalogues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared test-run steps on JSON given as trees (what the REST test run receives). */
class TestRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void inputsAreReadUnderTheirOwnNames() throws Exception {
        JsonNode entity = JSON.readTree("{\"summary\": 1}");
        assertThatThrownBy(() -> TestRun.ticket(entity, "entity"))
                .isInstanceOf(ReplicaFormatException.class).hasMessageStartingWith("entity.summary: expected text");
        assertThatThrownBy(() -> TestRun.replica(JSON.readTree("[1]"), "replica"))
                .isInstanceOf(ReplicaFormatException.class).hasMessage("replica: expected a JSON object, got array");
        assertThat(TestRun.ticket(null, "entity")).isNull();
        assertThat(TestRun.direction("Incoming")).isEqualTo(Direction.INCOMING);
        assertThatThrownBy(() -> TestRun.direction("sideways")).hasMessageContaining("outgoing or incoming");
    }

    @Test
    void eachDirectionNamesTheInputItLacks() {
        var catalogue = DefaultCatalogues.freshdesk();
        var info = ConnectionInfo.local(Side.PUBLIC);
        assertThatThrownBy(() -> TestRun.prepare(Direction.OUTGOING, null, null, null, false, catalogue, info))
                .isInstanceOfSatisfying(TestRun.MissingInputException.class, e -> assertThat(e.input()).isEqualTo("entity"));
        assertThatThrownBy(() -> TestRun.prepare(Direction.INCOMING, null, null, null, true, catalogue, info))
                .isInstanceOfSatisfying(TestRun.MissingInputException.class, e -> {
                    assertThat(e.input()).isEqualTo("replica");
                    assertThat(e.reason()).isEqualTo("is required for incoming rules");
                });
    }

    @Test
    void anIncomingFirstSyncFillsANewTicketAndRendersTheResult() throws Exception {
        var replica = TestRun.replica(JSON.readTree("{\"summary\": \"Printer jam\", \"labels\": [\"vip\"]}"), "replica");
        RulesRun run = TestRun.prepare(Direction.INCOMING, null, replica, null, true, DefaultCatalogues.freshdesk(),
                ConnectionInfo.local(Side.PUBLIC));
        RunResult result = new RulesEngine().run(Direction.INCOMING,
                "if (firstSync) { issue.summary = '[new] ' + replica.summary; log.info('created') }\nsyncHelper.syncBackAfterProcessing()", run);
        ObjectNode rendered = TestRun.render(result);
        assertThat(rendered.get("entity").get("summary").asText()).isEqualTo("[new] Printer jam");
        assertThat(rendered.get("replica").get("labels").get(0).asText()).isEqualTo("vip");
        assertThat(rendered.get("log").get(0).get("message").asText()).isEqualTo("created");
        assertThat(rendered.get("syncBack").asBoolean()).isTrue();
        assertThat(rendered.has("unsync")).isFalse();
    }
}
