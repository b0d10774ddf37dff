package io.twinline.agent.sync;

import io.twinline.agent.repository.Twin;
import io.twinline.agent.repository.TwinLedger;
import io.twinline.core.model.Comment;
import io.twinline.core.model.Label;
import io.twinline.core.model.NamedValue;
import io.twinline.core.model.Side;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;
import io.twinline.core.replica.ReplicaCodec;
import io.twinline.core.replica.ReplicaEnvelope;
import io.twinline.core.rules.ConnectionInfo;
import io.twinline.core.rules.RulesEngine;
import io.twinline.core.rules.RulesRun;
import io.twinline.core.rules.RunResult;
import io.twinline.core.rules.RulesRunException;
import io.twinline.core.tracker.TicketUpdate;
import io.twinline.core.tracker.TrackerConnector;
import io.twinline.core.tracker.TwinMarker;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One side of a sync: local changes become replicas through the outgoing rules, replicas from the other side are
 * applied through the incoming rules. The guarantees of the design live here:
 * <ul>
 *   <li>exactly-once effect: a replica version at or below the last one applied for its twin is skipped;</li>
 *   <li>no echo: after applying a replica, the hash of what the outgoing rules would now send is kept, and a local
 *       change whose replica has that hash is not sent back;</li>
 *   <li>no duplicate creation: the intent to create is recorded before the tracker call and the created ticket
 *       carries the twin marker, so a retry after a crash finds it instead of creating another;</li>
 *   <li>concurrent edits converge: fields both sides changed at once are decided by a fixed per-field rule
 *       ({@link ConcurrentEdits}, {@link FieldMerge}).</li>
 * </ul>
 * Calls are serialised: the poller and the replica consumer never work on the same twin at once.
 */
public class SyncEngine implements ReplicaSink {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class);

    private final SyncTarget target;
    private final TrackerConnector tracker;
    private final TwinLedger ledger;
    private final RulesEngine engine;
    private final SideRules outgoing;
    private final SideRules incoming;
    private final ConnectionInfo connection;
    private final ReplicaTransport transport;
    private final Runnable afterCreate;
    private final CommentSync comments;
    private final FieldChanges fieldChanges;
    private final ConcurrentEdits edits;
    private final AttachmentSync attachments;
    private final OutgoingErrors outgoingErrors;

    public SyncEngine(SyncTarget target, TrackerConnector tracker, TwinLedger ledger, RulesEngine engine, SideRules outgoing,
                      SideRules incoming, ConnectionInfo connection, ReplicaTransport transport, CrashPoints crashPoints,
                      AttachmentSync attachments, OutgoingErrors outgoingErrors) {
        this.attachments = attachments;
        this.outgoingErrors = outgoingErrors;
        this.afterCreate = crashPoints.afterCreate();
        this.comments = new CommentSync(tracker, ledger, crashPoints.afterComment());
        this.fieldChanges = FieldChanges.forTracker(tracker.trackerType());
        this.target = target;
        this.tracker = tracker;
        this.ledger = ledger;
        this.engine = engine;
        this.outgoing = outgoing;
        this.incoming = incoming;
        this.connection = connection;
        this.transport = transport;
        this.edits = new ConcurrentEdits(ledger, target.side());
    }

    public TrackerConnector tracker() {
        return tracker;
    }

    public boolean isUnderSync(String localKey) {
        return ledger.byLocalKey(localKey).filter(twin -> twin.state() != Twin.State.UNSYNCED).isPresent();
    }

    /**
     * A local ticket changed (or was brought under sync): send its replica unless nothing the other side would see
     * changed, or the change is the echo of what was just applied.
     */
    public synchronized void onLocalChange(String localKey, boolean bringUnderSync) {
        // Read under the engine's lock: a ticket read before an incoming replica was applied would look like a local
        // change (its hash is not the new echo) and send the old values back over the new ones.
        Optional<Ticket> local;
        try {
            local = tracker.find(localKey);
        } catch (RuntimeException e) {
            failedOutgoing(localKey, bringUnderSync, null, e);
            return;
        }
        local.ifPresent(l -> onLocalChange(l, bringUnderSync));
    }

    /**
     * As {@link #onLocalChange(String, boolean)} for a ticket the caller read itself: only safe while no replica can be
     * applied in between (the caller holds the engine's lock, or nothing else applies).
     */
    public synchronized void onLocalChange(Ticket local, boolean bringUnderSync) {
        Optional<Twin> known = ledger.byLocalKey(local.getKey());
        if (known.isEmpty() && !bringUnderSync) {
            return;
        }
        if (known.isPresent() && known.get().state() == Twin.State.UNSYNCED) {
            return; // stopped by an operator or the rules: only a manual sync brings it back
        }
        String twinId = UUID.randomUUID().toString();
        try {
            send(local, known, twinId);
        } catch (RuntimeException e) {
            failedOutgoing(local.getKey(), bringUnderSync, twinId, e);
        }
    }

    /**
     * One ticket failed on its way out: it becomes a sync error of its twin (brought under sync first when it was to
     * be), and the caller goes on with the other tickets.
     */
    private void failedOutgoing(String localKey, boolean bringUnderSync, String newTwinId, RuntimeException failure) {
        Optional<Twin> known = ledger.byLocalKey(localKey);
        if (known.isEmpty() && !bringUnderSync) {
            return; // not under sync: there is nothing to send, so nothing failed to be sent
        }
        if (known.isPresent() && known.get().state() == Twin.State.UNSYNCED) {
            return;
        }
        Twin twin = known.orElseGet(() -> ledger.startOutgoing(newTwinId == null ? UUID.randomUUID().toString() : newTwinId, localKey));
        outgoingErrors.failed(twin.twinId(), localKey, failure);
    }

    /** Tickets whose send failed and whose automatic retry is due are tried again; returns how many went out. */
    public synchronized int retryOutgoing() {
        return retryOutgoing(outgoingErrors.due());
    }

    /** Tries the failed send of one twin's ticket again now (an operator's retry). */
    public synchronized int retryOutgoing(String twinId) {
        return retryOutgoing(outgoingErrors.ofTwin(twinId));
    }

    private int retryOutgoing(List<io.twinline.agent.repository.OutgoingFailureLedger.OutgoingFailure> failures) {
        int sent = 0;
        for (var failure : failures) {
            Optional<Twin> twin = ledger.byTwinId(failure.twinId());
            if (twin.isEmpty() || twin.get().state() == Twin.State.UNSYNCED || twin.get().localKey() == null) {
                outgoingErrors.sent(failure.twinId()); // nothing left to send
                continue;
            }
            onLocalChange(twin.get().localKey(), true);
            if (outgoingErrors.ofTwin(failure.twinId()).isEmpty()) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Brings a local ticket under sync now, as {@code twinId} unless it is under sync already; returns the twin it
     * belongs to, or empty when the tracker has no such ticket. A ticket whose twin was unsynced starts a new twin (the other side then creates a new ticket).
     */
    public synchronized Optional<String> syncNow(String localKey, String twinId) {
        return tracker.find(localKey).map(local -> syncNow(local, twinId));
    }

    private String syncNow(Ticket local, String twinId) {
        Optional<Twin> known = ledger.byLocalKey(local.getKey());
        if (known.isPresent() && known.get().state() == Twin.State.UNSYNCED) {
            ledger.remove(known.get().twinId());
            known = Optional.empty();
        }
        try {
            return send(local, known, twinId);
        } catch (RuntimeException e) {
            failedOutgoing(local.getKey(), true, twinId, e);
            return ledger.byLocalKey(local.getKey()).map(Twin::twinId).orElse(twinId);
        }
    }

    /** Stops syncing a twin and tells the other side; both tickets stay. Returns false when the twin is unknown. */
    public synchronized boolean unsync(String twinId) {
        Optional<Twin> known = ledger.byTwinId(twinId);
        if (known.isEmpty()) {
            return false;
        }
        Twin twin = known.get();
        if (twin.state() != Twin.State.UNSYNCED) {
            long version = twin.lastSentVersion() + 1;
            ledger.reserveVersion(twinId, version);
            transport.send(ReplicaEnvelope.signal(target.connectionId().toString(), twinId, target.side(), twin.localKey(), version,
                    ReplicaEnvelope.Kind.UNSYNC));
            ledger.recordSent(twinId, version, twin.lastSentHash());
            ledger.markUnsynced(twinId);
            LOG.infof("twin %s (ticket %s) no longer synced; the other side was told", twinId, twin.localKey());
        }
        return true;
    }

    private String send(Ticket local, Optional<Twin> known, String newTwinId) {
        Twin twin = known.orElseGet(() -> {
            Twin started = ledger.startOutgoing(newTwinId, local.getKey());
            LOG.infof("ticket %s comes under sync as twin %s", local.getKey(), started.twinId());
            return started;
        });
        if (twin.state() != Twin.State.ACTIVE) {
            return twin.twinId(); // its creation from a replica is still being resolved
        }
        markMirrors(twin.twinId(), local);
        Replica replica = runOutgoing(local);
        String hash = ReplicaCodec.contentHash(replica);
        if (hash.equals(twin.lastSentHash()) || hash.equals(twin.echoHash())) {
            outgoingErrors.sent(twin.twinId());
            return twin.twinId();
        }
        long version = twin.lastSentVersion() + 1;
        ledger.reserveVersion(twin.twinId(), version);
        ReplicaEnvelope envelope = edits.stamp(twin, ReplicaEnvelope.upsert(target.connectionId().toString(), twin.twinId(),
                target.side(), local.getKey(), version, replica));
        transport.send(envelope);
        ledger.recordSent(twin.twinId(), version, hash);
        outgoingErrors.sent(twin.twinId());
        edits.sent(envelope);
        LOG.infof("ticket %s sent as twin %s v%d", local.getKey(), twin.twinId(), version);
        return twin.twinId();
    }

    /**
     * Applies one replica from the other side; redelivered versions are skipped. While an earlier replica of the same
     * twin is parked, this one is parked behind it, so the twin's order is kept and other twins go on.
     */
    @Override
    public synchronized void onReplica(ReplicaEnvelope envelope) {
        if (ledger.hasParked(envelope.twinId())) {
            ledger.park(envelope.twinId(), envelope.toJson(), "waiting behind an earlier replica of this twin", null, null);
            return;
        }
        applyReplica(envelope);
    }

    /** Parks a replica that failed to apply, with what went wrong (for rules: the direction and the line). */
    @Override
    public synchronized void parkUnreadable(String twinId, String record, RuntimeException failure) {
        ledger.park(twinId, record, "replica not readable by this agent (" + describe(failure) + "); applied on retry once "
                + "the agent can read it", "incoming", null);
    }

    @Override
    public synchronized void park(ReplicaEnvelope envelope, RuntimeException failure) {
        String error = describe(failure);
        ledger.park(envelope.twinId(), envelope.toJson(), error, direction(failure), line(failure));
        known(envelope.twinId()).ifPresent(twin -> ledger.recordError(twin.twinId(), error));
        LOG.warnf("twin %s v%d parked: %s", envelope.twinId(), envelope.version(), error);
    }

    /** Tries parked replicas again, oldest first per twin; a twin whose oldest still fails waits for the next round. */
    public synchronized int retryParked() {
        return retryParked(twinId -> true);
    }

    /** Tries the parked replicas of one twin again now, oldest first (an operator's retry). */
    public synchronized int retryParked(String twinId) {
        return retryParked(twinId::equals);
    }

    private int retryParked(java.util.function.Predicate<String> twins) {
        int applied = 0;
        Set<String> stillFailing = new java.util.HashSet<>();
        for (TwinLedger.ParkedReplica parked : ledger.parked()) {
            if (!twins.test(parked.twinId()) || stillFailing.contains(parked.twinId())) {
                continue;
            }
            try {
                applyReplica(ReplicaEnvelope.fromJson(parked.envelope()));
                ledger.unpark(parked.id());
                applied++;
            } catch (RuntimeException e) {
                ledger.recordParkedFailure(parked.id(), describe(e), direction(e), line(e));
                stillFailing.add(parked.twinId());
            }
        }
        if (applied > 0) {
            LOG.infof("%d parked replica(s) applied", applied);
        }
        return applied;
    }

    private Optional<Twin> known(String twinId) {
        return ledger.byTwinId(twinId);
    }

    static String describe(RuntimeException failure) {
        if (failure instanceof RulesRunException rules) {
            return rules.getMessage(); // names the rules and the line already
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static String direction(RuntimeException failure) {
        // A replica that failed to apply failed in the incoming flow, whether in the rules or in the tracker.
        return failure instanceof RulesRunException rules ? rules.direction().label() : "incoming";
    }

    private static Integer line(RuntimeException failure) {
        return failure instanceof RulesRunException rules && rules.line() > 0 ? rules.line() : null;
    }

    private void applyReplica(ReplicaEnvelope envelope) {
        if (envelope.origin() == target.side()) {
            return;
        }
        Optional<Twin> known = ledger.byTwinId(envelope.twinId());
        if (known.isPresent() && envelope.version() == known.get().lastAppliedVersion() && envelope.contentHash() != null
                && known.get().lastAppliedHash() != null && !envelope.contentHash().equals(known.get().lastAppliedHash())) {
            throw new ReusedVersionException(envelope, known.get().lastAppliedHash());
        }
        if (known.isPresent() && envelope.version() <= known.get().lastAppliedVersion()) {
            LOG.debugf("twin %s v%d applied already; skipped", envelope.twinId(), envelope.version());
            return;
        }
        if (known.isPresent() && known.get().state() == Twin.State.UNSYNCED) {
            LOG.debugf("twin %s is no longer synced; v%d skipped", envelope.twinId(), envelope.version());
            return;
        }
        switch (envelope.kind()) {
            case UPSERT -> apply(envelope, known);
            case UNSYNC, DELETE -> known.ifPresent(twin -> {
                ledger.markUnsynced(twin.twinId());
                LOG.infof("twin %s no longer synced (%s from the other side); ticket %s stays", twin.twinId(), envelope.kind(), twin.localKey());
            });
            case ACK -> { }
        }
    }

    private void apply(ReplicaEnvelope envelope, Optional<Twin> known) {
        Twin twin = known.orElseGet(() -> ledger.recordCreateIntent(envelope.twinId(), envelope.localKey()));
        boolean firstSync = twin.localKey() == null;
        Ticket before = firstSync ? new Ticket() : tracker.get(twin.localKey());
        if (!firstSync) {
            markMirrors(twin.twinId(), before);
        }
        Replica previous = twin.previousReplica() == null ? null : ReplicaCodec.readReplica(twin.previousReplica());
        RunResult result = engine.run(incoming.current(), RulesRun.incoming(before.copy(), envelope.body())
                .previous(previous).firstSync(firstSync).connection(connection).catalogue(tracker.catalogue())
                .underSync(t -> t.getKey() != null && isUnderSync(t.getKey()))
                .context("twin " + envelope.twinId()));
        Ticket wanted = result.entity();
        Ticket current = before;
        FieldMerge.Decision merge = firstSync ? FieldMerge.Decision.NONE
                : edits.merge(envelope, previous, current, () -> runOutgoing(current), wanted);

        String key;
        if (firstSync) {
            TwinMarker marker = TwinMarker.of(target.connectionId(), envelope.twinId());
            Optional<Ticket> existing = tracker.findByTwinMarker(marker);
            Ticket created = existing.orElseGet(() -> tracker.create(wanted, marker));
            afterCreate.run();
            key = created.getKey();
            ledger.recordCreated(envelope.twinId(), key);
            LOG.infof("twin %s: %s %s created from %s's %s", envelope.twinId(), existing.isPresent() ? "found" : "ticket", key,
                    target.side().other(), envelope.localKey());
            before = created;
        } else {
            key = twin.localKey();
            TicketUpdate update = fieldChanges.between(before, wanted);
            if (!update.isEmpty()) {
                tracker.update(key, update);
            }
        }
        comments.apply(envelope.twinId(), key, before.getComments(), wanted.getComments());
        attachments.apply(envelope.twinId(), key, before.getAttachments(), wanted.getAttachments());

        Ticket after = tracker.get(key);
        markMirrors(envelope.twinId(), after);
        Replica outgoingAfter = runOutgoing(after);
        // A local change kept by the merge and not sent yet must still go out: as the echo it would be suppressed.
        // So must a comment someone wrote or deleted on this side while the replica was being applied: the re-read
        // ticket holds that change.
        boolean localChange = merge.sendBack() || comments.writtenMeanwhile(envelope.twinId(), before, after);
        String echo = localChange ? null : ReplicaCodec.contentHash(outgoingAfter);
        // What the ledger learns from the apply is one unit of work: a crash leaves the twin's old state or its new one.
        ledger.inUnitOfWork(() -> {
            ledger.recordApplied(envelope.twinId(), envelope.version(), envelope.localKey(), ReplicaCodec.write(envelope.body()),
                    echo, envelope.contentHash());
            edits.applied(envelope, outgoingAfter, merge);
        });
        if (result.unsync()) {
            unsync(envelope.twinId());
        } else if (result.syncBack() || merge.sendBack()) {
            onLocalChange(after, false);
        }
    }

    private Replica runOutgoing(Ticket local) {
        Replica replica = engine.run(outgoing.current(), RulesRun.outgoing(local.copy()).connection(connection).catalogue(tracker.catalogue())
                .underSync(t -> t.getKey() != null && isUnderSync(t.getKey()))
                .context("ticket " + local.getKey())).replica();
        attachments.prepareOutgoing(local, replica); // content hashes; the bytes are in the store before the replica leaves
        return replica;
    }

    /** Comments and attachments that mirror the other side's carry its id, so the helpers and the other side know them. */
    private void markMirrors(String twinId, Ticket ticket) {
        comments.markMirrors(twinId, ticket);
        attachments.markMirrors(twinId, ticket);
    }

    public SyncTarget target() {
        return target;
    }

    public Side side() {
        return target.side();
    }
}
