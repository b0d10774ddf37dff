package io.twinline.agent.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.twinline.core.replica.ReplicaEnvelope;
import org.jboss.logging.Logger;

/**
 * What this agent accepts from its topic: only envelopes that name its own connection and come from the other side.
 * Anything else (a replica meant for another connection, or one claiming to come from this side) is refused before it
 * touches the tracker or the ledger, logged without ticket content and counted in
 * {@code twinline_agent_replicas_refused_total{reason=…}}.
 */
final class ReplicaAdmission {

    private static final Logger LOG = Logger.getLogger(ReplicaAdmission.class);

    private final SyncTarget target;
    private final Counter wrongConnection;
    private final Counter wrongOrigin;

    ReplicaAdmission(SyncTarget target, MeterRegistry metrics) {
        this.target = target;
        this.wrongConnection = Counter.builder("twinline.agent.replicas.refused").tag("reason", "other-connection")
                .description("replicas refused because their envelope names another connection or origin").register(metrics);
        this.wrongOrigin = Counter.builder("twinline.agent.replicas.refused").tag("reason", "wrong-origin")
                .description("replicas refused because their envelope names another connection or origin").register(metrics);
    }

    boolean admits(ReplicaEnvelope envelope) {
        if (!target.connectionId().toString().equals(envelope.connectionId())) {
            wrongConnection.increment();
            LOG.warnf("replica refused: it names connection %s, this agent serves %s (twin %s, version %d)",
                    abbreviated(envelope.connectionId()), target.connectionId(), abbreviated(envelope.twinId()), envelope.version());
            return false;
        }
        if (envelope.origin() != target.side().other()) {
            wrongOrigin.increment();
            LOG.warnf("replica refused: it claims origin %s, but only the %s side sends to this one (twin %s, version %d)",
                    envelope.origin(), target.side().other(), abbreviated(envelope.twinId()), envelope.version());
            return false;
        }
        return true;
    }

    /** Ids from outside are shown bounded, so a forged envelope cannot flood the log. */
    private static String abbreviated(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
