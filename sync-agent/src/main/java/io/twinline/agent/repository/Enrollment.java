package io.twinline.agent.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * What the agent learnt when it redeemed its invitation: its connection, its credentials and where to reach the
 * public side. Kept in the agent's own store; the secret never leaves the partner's network except to authenticate.
 */
public record Enrollment(
        UUID connectionId,
        String connectionName,
        String initiatorName,
        String agentId,
        String agentSecret,
        String connectionApi,
        String invitationApi,
        Instant redeemedAt) {

    @Override
    public String toString() {
        return "Enrollment[connection " + connectionId + " '" + connectionName + "', agent " + agentId + "]";
    }
}
