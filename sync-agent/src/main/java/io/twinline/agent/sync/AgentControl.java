package io.twinline.agent.sync;

import io.twinline.agent.repository.Twin;
import io.twinline.agent.repository.TwinLedger;
import io.twinline.core.model.Ticket;
import io.twinline.core.operations.AgentCommand;
import io.twinline.core.operations.SyncInstructions;
import io.twinline.core.operations.SyncReport;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent's side of operations. Every report interval it tells connection-service what changed (twins, parked
 * replicas, bulk-sync progress, commands carried out) and learns the connection's status (replicas are applied only
 * while it is ACTIVE; a deactivated connection's replicas wait on the topic, in order), the public side's triggers,
 * and the commands operators left for it. Commands come again until reported done, so each runs once per process and
 * every one is idempotent for the restarts in between.
 */
final class AgentControl {

    private static final Logger LOG = Logger.getLogger(AgentControl.class);
    /** Twins changed within this much before a report are reported again by the next one: duplicates are harmless. */
    private static final java.time.Duration OVERLAP = java.time.Duration.ofSeconds(2);

    private final SyncEngine engine;
    private final TwinLedger ledger;
    private final io.twinline.agent.repository.OutgoingFailureLedger outgoingFailures;
    private final ControlChannel channel;
    private final ExecutorService commands = Executors.newSingleThreadExecutor(r -> new Thread(r, "twinline-commands"));
    private final ExecutorService bulk = Executors.newSingleThreadExecutor(r -> new Thread(r, "twinline-bulk-sync"));
    private final Set<UUID> taken = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > 10_000;
        }
    }));
    private final ConcurrentLinkedQueue<SyncReport.CommandResult> results = new ConcurrentLinkedQueue<>();
    private final Map<UUID, SyncReport.BulkSyncProgress> bulkSyncs = new ConcurrentHashMap<>();

    private Instant twinsSince = Instant.EPOCH;
    private String lastErrors;
    private volatile Boolean applying;
    private volatile List<String> triggers = List.of();
    private final RemoteRequests remote;

    AgentControl(SyncEngine engine, TwinLedger ledger, io.twinline.agent.repository.OutgoingFailureLedger outgoingFailures,
                 ControlChannel channel, RemoteRequests remote) {
        this.outgoingFailures = outgoingFailures;
        this.engine = engine;
        this.ledger = ledger;
        this.channel = channel;
        this.remote = remote;
    }

    /** False until the first answer says the connection is ACTIVE, and while it is not. */
    boolean applying() {
        return Boolean.TRUE.equals(applying);
    }

    /** The triggers kept by operators over REST (the public side's), as last received, when this agent accepts them. */
    List<String> triggers() {
        return triggers;
    }

    /** One report and its answer. A failed exchange changes nothing here: the next one reports the same again. */
    synchronized void exchangeOnce() {
        Instant startedAt = Instant.now();
        List<SyncReport.TwinReport> twins = ledger.changedSince(twinsSince).stream().map(AgentControl::report).toList();
        // Every sync error of this side: replicas parked on the way in, tickets that failed on the way out.
        List<SyncReport.ErrorReport> all = new ArrayList<>(ledger.parked().stream().map(AgentControl::report).toList());
        outgoingFailures.all().stream().map(AgentControl::report).forEach(all::add);
        String errorsNow = all.stream().map(p -> p.parkedId() + ":" + p.attempts() + ":" + Objects.hashCode(p.message()))
                .reduce("", (a, b) -> a + "," + b);
        List<SyncReport.ErrorReport> errors = errorsNow.equals(lastErrors) ? null : all;
        List<SyncReport.CommandResult> done = new ArrayList<>(results);
        List<SyncReport.BulkSyncProgress> progress = new ArrayList<>(bulkSyncs.values());

        SyncInstructions answer = channel.exchange(new SyncReport(applying(), twins, errors, progress, done));

        twinsSince = startedAt.minus(OVERLAP);
        lastErrors = errorsNow;
        results.removeAll(done);
        progress.stream().filter(p -> !"RUNNING".equals(p.state())).forEach(p -> bulkSyncs.remove(p.bulkSyncId(), p));
        if (!Objects.equals(applying, answer.applying())) {
            LOG.infof("connection is %s: replicas %s", answer.status(), answer.applying() ? "are applied" : "wait on the topic");
        }
        applying = answer.applying();
        triggers = remote.acceptsTriggers() ? answer.triggers() : List.of();
        for (AgentCommand command : answer.commands()) {
            if (command.id() == null || !taken.add(command.id())) {
                continue;
            }
            if (!remote.accepts(command)) {
                LOG.warnf("%s command %s from the public side not carried out: this agent's configuration does not accept it "
                        + "(twinline.agent.sync.accept-from-public)", command.type(), command.id());
                results.add(new SyncReport.CommandResult(command.id(), false, "refused by the partner's agent: its "
                        + "configuration does not accept " + command.type() + " requests", command.twinId()));
                continue;
            }
            (command.type() == AgentCommand.Type.BULK_SYNC ? bulk : commands).execute(() -> run(command));
        }
    }

    private void run(AgentCommand command) {
        SyncReport.CommandResult result;
        try {
            result = switch (command.type()) {
                case SYNC -> syncNow(command);
                case UNSYNC -> new SyncReport.CommandResult(command.id(), true,
                        engine.unsync(command.twinId()) ? "unsynced" : "not under sync here", command.twinId());
                case RETRY -> retry(command);
                case BULK_SYNC -> bulkSync(command);
            };
        } catch (RuntimeException e) {
            LOG.errorf("%s command %s failed: %s", command.type(), command.id(), e.getMessage());
            result = new SyncReport.CommandResult(command.id(), false, e.getMessage(), command.twinId());
        }
        results.add(result);
    }

    private SyncReport.CommandResult syncNow(AgentCommand command) {
        String twinId = engine.syncNow(command.localKey(), command.twinId()).orElse(null);
        if (twinId == null) {
            return new SyncReport.CommandResult(command.id(), false, "ticket " + command.localKey() + " was not found", command.twinId());
        }
        LOG.infof("ticket %s synced on request as twin %s", command.localKey(), twinId);
        return new SyncReport.CommandResult(command.id(), true, "synced", twinId);
    }

    private SyncReport.CommandResult retry(AgentCommand command) {
        // A failed send is retried whatever the connection's status: what is sent waits on the topic if need be.
        int sent = engine.retryOutgoing(command.twinId());
        if (!applying()) {
            return new SyncReport.CommandResult(command.id(), sent > 0, sent + " failed send(s) done; the connection is not "
                    + "active, so parked replicas are retried once it is", command.twinId());
        }
        int applied = engine.retryParked(command.twinId());
        return new SyncReport.CommandResult(command.id(), true, sent + " failed send(s) done, " + applied
                + " parked replica(s) applied", command.twinId());
    }

    private SyncReport.CommandResult bulkSync(AgentCommand command) {
        UUID id = command.bulkSyncId();
        bulkSyncs.put(id, new SyncReport.BulkSyncProgress(id, 0, null, "RUNNING", null));
        try {
            List<Ticket> matches = engine.tracker().search(command.query());
            int done = 0;
            bulkSyncs.put(id, new SyncReport.BulkSyncProgress(id, done, matches.size(), "RUNNING", null));
            for (Ticket match : matches) {
                engine.onLocalChange(match.getKey(), true);
                bulkSyncs.put(id, new SyncReport.BulkSyncProgress(id, ++done, matches.size(), "RUNNING", null));
            }
            bulkSyncs.put(id, new SyncReport.BulkSyncProgress(id, done, matches.size(), "DONE", null));
            LOG.infof("bulk sync %s: %d ticket(s) matching '%s' under sync", id, done, command.query());
            return new SyncReport.CommandResult(command.id(), true, done + " ticket(s)", null);
        } catch (RuntimeException e) {
            SyncReport.BulkSyncProgress last = bulkSyncs.get(id);
            bulkSyncs.put(id, new SyncReport.BulkSyncProgress(id, last.done(), last.total(), "FAILED", e.getMessage()));
            throw e;
        }
    }

    void stop() {
        commands.shutdownNow();
        bulk.shutdownNow();
    }

    private static SyncReport.TwinReport report(Twin twin) {
        return new SyncReport.TwinReport(twin.twinId(), twin.localKey(), twin.remoteKey(), twin.state().name(), twin.lastSyncAt());
    }

    private static SyncReport.ErrorReport report(io.twinline.agent.repository.OutgoingFailureLedger.OutgoingFailure failure) {
        return new SyncReport.ErrorReport(failure.id(), failure.twinId(), failure.error(), "outgoing", failure.line(),
                failure.attempts(), failure.failedAt());
    }

    private static SyncReport.ErrorReport report(TwinLedger.ParkedReplica parked) {
        return new SyncReport.ErrorReport(parked.id(), parked.twinId(), parked.error(), parked.direction(), parked.line(),
                parked.attempts(), parked.parkedAt());
    }
}
