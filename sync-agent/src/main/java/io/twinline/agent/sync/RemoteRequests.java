package io.twinline.agent.sync;

import io.twinline.core.model.Side;
import io.twinline.core.operations.AgentCommand;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of the public side's requests this agent carries out in its own tracker ({@code twinline.agent.sync.accept-from-public}):
 * {@code TRIGGERS} (queries kept over REST), {@code SYNC} ("sync this ticket") and {@code BULK_SYNC} (a query over
 * the tracker). A PRIVATE agent accepts none unless its own configuration says so: the private side is sovereign, and
 * what is queried in its tracker is decided there. {@code UNSYNC} and {@code RETRY} are always carried out: they only
 * stop syncing a twin, or apply again what this side's own rules already accepted.
 */
final class RemoteRequests {

    enum Kind { TRIGGERS, SYNC, BULK_SYNC }

    private final Set<Kind> accepted;

    RemoteRequests(Side side, Optional<List<String>> configured) {
        this.accepted = configured
                .map(list -> list.stream().map(String::strip).filter(s -> !s.isEmpty() && !s.equalsIgnoreCase("NONE"))
                        .map(s -> Kind.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_'))).collect(Collectors.toSet()))
                .orElse(side == Side.PUBLIC ? Set.of(Kind.values()) : Set.of());
    }

    boolean acceptsTriggers() {
        return accepted.contains(Kind.TRIGGERS);
    }

    boolean accepts(AgentCommand command) {
        return switch (command.type()) {
            case SYNC -> accepted.contains(Kind.SYNC);
            case BULK_SYNC -> accepted.contains(Kind.BULK_SYNC);
            case UNSYNC, RETRY -> true;
        };
    }
}
