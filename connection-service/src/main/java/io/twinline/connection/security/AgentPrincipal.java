package io.twinline.connection.security;

import io.quarkus.security.identity.SecurityIdentity;

import java.security.Principal;
import java.util.UUID;

/** A connection's agent as its verified access token names it. */
public record AgentPrincipal(String agentId, UUID connectionId) implements Principal {

    @Override
    public String getName() {
        return agentId;
    }

    /** The agent behind the current call; only agent-role endpoints call this, after the role was checked. */
    public static AgentPrincipal of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof AgentPrincipal agent) {
            return agent;
        }
        throw new io.quarkus.security.ForbiddenException("not an agent's token");
    }
}
