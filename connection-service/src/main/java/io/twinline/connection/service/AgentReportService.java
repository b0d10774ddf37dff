package io.twinline.connection.service;

import io.twinline.connection.entity.AgentCommandRecord;
import io.twinline.connection.entity.AgentReport;
import io.twinline.connection.entity.BulkSync;
import io.twinline.connection.entity.Connection;
import io.twinline.connection.entity.SyncError;
import io.twinline.connection.entity.TwinRecord;
import io.twinline.connection.repository.AgentReportRepository;
import io.twinline.connection.repository.BulkSyncRepository;
import io.twinline.connection.repository.SyncErrorRepository;
import io.twinline.connection.repository.SyncTriggerRepository;
import io.twinline.connection.repository.TwinRecordRepository;
import io.twinline.core.model.Side;
import io.twinline.core.operations.AgentCommand;
import io.twinline.core.operations.SyncInstructions;
import io.twinline.core.operations.SyncReport;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The agents' reports: each side's twins, parked replicas, bulk-sync progress and finished commands go into the
 * registry in one transaction, and the answer tells the agent the connection's status, its triggers and what is
 * waiting for it. A report is state, so one received twice changes nothing.
 */
@ApplicationScoped
public class AgentReportService {

    private static final Logger LOG = Logger.getLogger(AgentReportService.class);

    private final ConnectionService connections;
    private final TwinRecordRepository twins;
    private final SyncErrorRepository errors;
    private final BulkSyncRepository bulkSyncs;
    private final SyncTriggerRepository triggers;
    private final AgentReportRepository reports;
    private final AgentCommandService commands;

    public AgentReportService(ConnectionService connections, TwinRecordRepository twins, SyncErrorRepository errors,
                              BulkSyncRepository bulkSyncs, SyncTriggerRepository triggers, AgentReportRepository reports,
                              AgentCommandService commands) {
        this.connections = connections;
        this.twins = twins;
        this.errors = errors;
        this.bulkSyncs = bulkSyncs;
        this.triggers = triggers;
        this.reports = reports;
        this.commands = commands;
    }

    @Transactional
    public SyncInstructions exchange(UUID connectionId, Side side, SyncReport report) {
        Connection connection = connections.get(connectionId);
        Instant now = Instant.now();
        AgentReport last = reports.of(connectionId, side).orElseGet(() -> {
            AgentReport created = new AgentReport();
            created.connectionId = connectionId;
            created.side = side;
            created.applying = report.applying();
            created.reportedAt = now;
            reports.persist(created);
            return created;
        });
        last.applying = report.applying();
        last.reportedAt = now;

        for (SyncReport.CommandResult result : report.completedCommands()) {
            AgentCommandRecord done = commands.complete(connectionId, side, result);
            if (done != null) {
                onCommandDone(connectionId, side, done, result);
            }
        }
        for (SyncReport.TwinReport twin : report.twins()) {
            record(connectionId, side, twin);
        }
        if (report.errors() != null) {
            replaceErrors(connectionId, side, report.errors());
        }
        for (SyncReport.BulkSyncProgress progress : report.bulkSyncs()) {
            bulkSyncs.byConnection(connectionId, progress.bulkSyncId()).ifPresent(bulk -> {
                bulk.state = BulkSync.State.valueOf(progress.state());
                bulk.done = progress.done();
                bulk.total = progress.total();
                bulk.error = AgentCommandService.bounded(progress.error());
                bulk.updatedAt = now;
            });
        }
        List<String> sideTriggers = side == Side.PUBLIC
                ? triggers.byConnection(connectionId).stream().map(t -> t.query).toList() : List.of();
        List<AgentCommand> pending = commands.pending(connectionId, side);
        return new SyncInstructions(connection.status.name(), sideTriggers, pending);
    }

    private void record(UUID connectionId, Side side, SyncReport.TwinReport reported) {
        if (reported.twinId() == null || reported.twinId().isBlank()) {
            throw ProblemException.invalidField("twins[].twinId", "is required");
        }
        // Both agents may report a new twin at the same moment: insert-if-absent, then lock the row.
        twins.insertIfAbsent(reported.twinId(), connectionId);
        TwinRecord twin = twins.findById(reported.twinId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (!twin.connectionId.equals(connectionId)) {
            LOG.warnf("connection %s reported twin %s of another connection; ignored", connectionId, reported.twinId());
            return;
        }
        if (side == Side.PUBLIC) {
            twin.publicKey = reported.localKey() == null ? twin.publicKey : reported.localKey();
            twin.privateKey = reported.remoteKey() == null ? twin.privateKey : reported.remoteKey();
            twin.publicState = reported.state();
            twin.publicSyncedAt = reported.lastSyncAt();
        } else {
            twin.privateKey = reported.localKey() == null ? twin.privateKey : reported.localKey();
            twin.publicKey = reported.remoteKey() == null ? twin.publicKey : reported.remoteKey();
            twin.privateState = reported.state();
            twin.privateSyncedAt = reported.lastSyncAt();
        }
        if (twin.requested == TwinRecord.Request.SYNC && side == Side.PUBLIC) {
            twin.requested = null;
            twin.error = null;
        }
        if (twin.requested == TwinRecord.Request.UNSYNC && "UNSYNCED".equals(twin.publicState)) {
            twin.requested = null;
        }
    }

    private void replaceErrors(UUID connectionId, Side side, List<SyncReport.ErrorReport> parked) {
        Map<Long, SyncError> known = new HashMap<>();
        for (SyncError error : errors.bySide(connectionId, side)) {
            known.put(error.parkedId, error);
        }
        Set<Long> still = parked.stream().map(SyncReport.ErrorReport::parkedId).collect(Collectors.toSet());
        known.values().stream().filter(e -> !still.contains(e.parkedId)).forEach(errors::delete);
        for (SyncReport.ErrorReport reported : parked) {
            if (reported.twinId() == null || reported.twinId().isBlank()) {
                throw ProblemException.invalidField("errors[].twinId", "is required");
            }
            SyncError error = known.get(reported.parkedId());
            boolean fresh = error == null;
            if (fresh) {
                error = new SyncError();
                error.id = UUID.randomUUID();
                error.connectionId = connectionId;
                error.side = side;
                error.parkedId = reported.parkedId();
            }
            error.twinId = reported.twinId();
            error.message = AgentCommandService.bounded(reported.message() == null ? "unknown error" : reported.message());
            error.direction = reported.direction();
            error.line = reported.line();
            error.attempts = reported.attempts();
            error.parkedAt = reported.parkedAt() == null ? Instant.now() : reported.parkedAt();
            if (fresh) {
                errors.persist(error);
            }
        }
    }

    private void onCommandDone(UUID connectionId, Side side, AgentCommandRecord command, SyncReport.CommandResult result) {
        if (command.type == AgentCommand.Type.SYNC && !result.ok()) {
            twins.byConnection(connectionId, command.twinId).ifPresent(twin -> {
                twin.requested = null;
                twin.error = AgentCommandService.bounded(result.message());
            });
        }
        if (command.type == AgentCommand.Type.SYNC && result.ok() && result.twinId() != null
                && !result.twinId().equals(command.twinId)) {
            // The ticket was under sync already, as another twin: the requested one never came to be.
            twins.byConnection(connectionId, command.twinId).ifPresent(twins::delete);
        }
        if (command.type == AgentCommand.Type.BULK_SYNC && !result.ok()) {
            bulkSyncs.byConnection(connectionId, command.bulkSyncId).ifPresent(bulk -> {
                bulk.state = BulkSync.State.FAILED;
                bulk.error = AgentCommandService.bounded(result.message());
                bulk.updatedAt = Instant.now();
            });
        }
        LOG.debugf("connection %s: %s command %s done by the %s agent: %s", connectionId, command.type, command.id, side,
                command.outcome);
    }
}
