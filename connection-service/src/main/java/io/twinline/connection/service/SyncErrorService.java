package io.twinline.connection.service;

import io.twinline.connection.entity.AuditAction;
import io.twinline.connection.entity.SyncError;
import io.twinline.connection.repository.SyncErrorRepository;
import io.twinline.core.operations.AgentCommand;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sync errors: replicas an agent parked (with the rules direction and line when the rules failed), and their retry. */
@ApplicationScoped
public class SyncErrorService {

    private final AuditService audit;

    private final ConnectionService connections;
    private final SyncErrorRepository errors;
    private final AgentCommandService commands;

    public SyncErrorService(ConnectionService connections, SyncErrorRepository errors, AgentCommandService commands, AuditService audit) {
        this.audit = audit;
        this.connections = connections;
        this.errors = errors;
        this.commands = commands;
    }

    public List<SyncError> list(UUID connectionId) {
        connections.get(connectionId);
        return errors.byConnection(connectionId);
    }

    /**
     * Asks the agent of the error's side to try the twin's parked replicas again now (oldest first, so the twin's
     * order is kept). The error goes away when the agent reports the replica applied.
     */
    @Transactional
    public SyncError retry(UUID connectionId, UUID errorId) {
        connections.get(connectionId);
        SyncError error = errors.byConnection(connectionId, errorId).orElseThrow(() -> ProblemException.notFound("error " + errorId));
        error.retryRequestedAt = Instant.now();
        audit.record(AuditAction.ERROR_RETRIED, connectionId, "error " + errorId, "twin " + error.twinId);
        commands.issue(connectionId, error.side, AgentCommand.retry(UUID.randomUUID(), error.twinId, error.parkedId));
        return error;
    }
}
