package io.twinline.agent.sync;

import io.twinline.agent.repository.Twin;
import io.twinline.agent.repository.TwinLedger;
import io.twinline.agent.sync.FieldMerge.Decision;
import io.twinline.agent.sync.FieldMerge.Field;
import io.twinline.core.model.Side;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;
import io.twinline.core.replica.ReplicaCodec;
import io.twinline.core.replica.ReplicaEnvelope;
import org.jboss.logging.Logger;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps what {@link FieldMerge} needs in the ledger and calls it from the {@link SyncEngine}'s send and apply paths.
 * Sending: the envelope says which version of the other side it was {@code basedOn} and which fields this side's own
 * edits {@code changed} (against the baseline, so values that came from the other side are not claimed as our
 * changes). Applying: this side's changes the sender had not seen are the fields of versions sent after
 * {@code basedOn} plus the local changes not sent yet; {@link FieldMerge#decide} says which local values stay.
 */
final class ConcurrentEdits {

    private static final Logger LOG = Logger.getLogger(ConcurrentEdits.class);

    private final TwinLedger ledger;
    private final Side side;

    ConcurrentEdits(TwinLedger ledger, Side side) {
        this.ledger = ledger;
        this.side = side;
    }

    /** The envelope about to be sent, stamped with what this side had seen and which fields it changed. */
    ReplicaEnvelope stamp(Twin twin, ReplicaEnvelope envelope) {
        Set<Field> changed = FieldMerge.changed(envelope.body(), baseline(twin.twinId()));
        return envelope.withConcurrency(twin.lastAppliedVersion(), FieldMerge.wireNames(changed));
    }

    /** After a send: the other side will know this replica, and its changes count as unseen until it says so. */
    void sent(ReplicaEnvelope envelope) {
        ledger.recordSentChange(envelope.twinId(), envelope.version(), String.join(",", envelope.changed()));
        ledger.saveOwnBaseline(envelope.twinId(), ReplicaCodec.write(envelope.body()));
    }

    /**
     * Decides which local values stay when {@code incoming} is applied to the existing ticket {@code before}, and undoes
     * the incoming rules' result ({@code wanted}) for them.
     *
     * @param previous       the sender's previous replica this side applied (to tell what the sender changed when an
     *                       older sender does not say)
     * @param outgoingBefore this side's outgoing replica of {@code before}, run only when a baseline exists
     */
    Decision merge(ReplicaEnvelope incoming, Replica previous, Ticket before, Supplier<Replica> outgoingBefore, Ticket wanted) {
        String twinId = incoming.twinId();
        Set<Field> ownSent = EnumSet.noneOf(Field.class);
        if (incoming.basedOn() != null) { // unknown (an older sender): only unsent changes can be recognised
            ledger.sentChangesAfter(twinId, incoming.basedOn())
                    .forEach(fields -> ownSent.addAll(FieldMerge.fromWireNames(Arrays.asList(fields.split(",")))));
        }
        Replica baseline = baseline(twinId);
        Set<Field> ownUnsent = baseline == null ? Set.of() : FieldMerge.changed(outgoingBefore.get(), baseline);
        if (ownSent.isEmpty() && ownUnsent.isEmpty()) {
            return Decision.NONE;
        }
        Set<Field> senderChanged = incoming.changed() != null ? FieldMerge.fromWireNames(incoming.changed())
                : FieldMerge.changed(incoming.body(), previous);
        Decision decision = FieldMerge.decide(side, senderChanged, ownSent, ownUnsent);
        FieldMerge.keepLocal(wanted, before, decision.keepLocal());
        LOG.infof("twin %s v%d is concurrent with this side's changes %s (unsent %s); conflicts %s, kept here %s", twinId,
                incoming.version(), FieldMerge.wireNames(ownSent), FieldMerge.wireNames(ownUnsent),
                FieldMerge.wireNames(decision.conflicts()), FieldMerge.wireNames(decision.keepLocal()));
        return decision;
    }

    /** After an apply: the sender has seen our versions up to {@code basedOn}, and agrees with what we now have. */
    void applied(ReplicaEnvelope incoming, Replica outgoingAfter, Decision decision) {
        if (incoming.basedOn() != null) {
            ledger.forgetSentChanges(incoming.twinId(), incoming.basedOn());
        }
        Replica baseline = FieldMerge.baselineAfter(outgoingAfter, baseline(incoming.twinId()), decision.keptUnsent());
        ledger.saveOwnBaseline(incoming.twinId(), ReplicaCodec.write(baseline));
    }

    private Replica baseline(String twinId) {
        return ledger.ownBaseline(twinId).map(ReplicaCodec::readReplica).orElse(null);
    }
}
