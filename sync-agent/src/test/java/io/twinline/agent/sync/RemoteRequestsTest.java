package io.twinline.agent.sync;

import io.twinline.core.model.Side;
import io.twinline.core.operations.AgentCommand;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteRequestsTest {

    private static final AgentCommand BULK = AgentCommand.bulkSync(UUID.randomUUID(), UUID.randomUUID(), "project = TEST");
    private static final AgentCommand SYNC = AgentCommand.sync(UUID.randomUUID(), "t-1", "TEST-1");
    private static final AgentCommand UNSYNC = AgentCommand.unsync(UUID.randomUUID(), "t-1");
    private static final AgentCommand RETRY = AgentCommand.retry(UUID.randomUUID(), "t-1", 7);

    @Test
    void aPrivateAgentTakesNoTriggersSyncsOrBulkSyncsUnlessItsOwnConfigurationSaysSo() {
        RemoteRequests defaults = new RemoteRequests(Side.PRIVATE, Optional.empty());
        assertThat(defaults.acceptsTriggers()).isFalse();
        assertThat(defaults.accepts(BULK)).isFalse();
        assertThat(defaults.accepts(SYNC)).isFalse();
        // Stopping a twin or applying again what its own rules accepted is always fine.
        assertThat(defaults.accepts(UNSYNC)).isTrue();
        assertThat(defaults.accepts(RETRY)).isTrue();

        RemoteRequests someAllowed = new RemoteRequests(Side.PRIVATE, Optional.of(List.of("sync", "bulk-sync")));
        assertThat(someAllowed.accepts(SYNC)).isTrue();
        assertThat(someAllowed.accepts(BULK)).isTrue();
        assertThat(someAllowed.acceptsTriggers()).isFalse();
        assertThat(new RemoteRequests(Side.PUBLIC, Optional.of(List.of("NONE"))).accepts(BULK)).isFalse();
    }

    @Test
    void thePublicAgentTakesThePublicSidesRequestsByDefault() {
        RemoteRequests publicSide = new RemoteRequests(Side.PUBLIC, Optional.empty());
        assertThat(publicSide.acceptsTriggers()).isTrue();
        assertThat(publicSide.accepts(BULK)).isTrue();
        assertThat(publicSide.accepts(SYNC)).isTrue();
    }

    @Test
    void anUnknownKindIsAConfigurationError() {
        assertThatThrownBy(() -> new RemoteRequests(Side.PRIVATE, Optional.of(List.of("EVERYTHING"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
