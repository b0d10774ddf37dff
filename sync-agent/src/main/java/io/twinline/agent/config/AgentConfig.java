package io.twinline.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "twinline.agent")
public interface AgentConfig {

    /** The invitation code, needed only on the first start: the agent redeems it once and keeps its credentials. */
    Optional<String> invitation();

    /** How this side is named to the other side (the connection's destination once accepted). */
    @WithDefault("partner")
    String shortName();

    /** The tracker this agent talks to: FRESHDESK or JIRA. */
    @WithDefault("JIRA")
    String trackerType();

    /** Where the agent keeps its state: {@code embedded} (an H2 file in the state directory) or {@code postgresql}. */
    @WithDefault("embedded")
    String store();

    /** Where the agent keeps its state (its embedded database lives there). */
    String stateDir();

    /** How often the agent tells connection-service it is alive. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /** Upper bound of the back-off between attempts when the public side cannot be reached. */
    @WithDefault("30s")
    Duration maxRetryDelay();

    /** Timeout of one HTTPS call to the public side. */
    @WithDefault("10s")
    Duration requestTimeout();
}
