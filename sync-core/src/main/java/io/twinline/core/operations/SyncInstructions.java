package io.twinline.core.operations;

import java.util.List;

/**
 * connection-service's answer to a {@link SyncReport}: the connection's status (an agent applies nothing while it is
 * not ACTIVE), the side's triggers kept by operators over REST (the public side's; the private side keeps its own in
 * its configuration), and the commands waiting for this agent, oldest first. A command stays pending until the agent
 * reports it completed, so an agent must carry out a command it sees twice only once, or idempotently.
 */
public record SyncInstructions(String status, List<String> triggers, List<AgentCommand> commands) {

    public SyncInstructions {
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        commands = commands == null ? List.of() : List.copyOf(commands);
    }

    public boolean applying() {
        return "ACTIVE".equals(status);
    }
}
