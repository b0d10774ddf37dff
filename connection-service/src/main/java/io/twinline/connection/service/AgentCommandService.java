package io.twinline.connection.service;

import io.twinline.connection.entity.AgentCommandRecord;
import io.twinline.connection.repository.AgentCommandRepository;
import io.twinline.core.model.Side;
import io.twinline.core.operations.AgentCommand;
import io.twinline.core.operations.SyncReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Commands for the agents. An operator's request is stored in the same transaction as what it changes, and the agent
 * picks it up with its next report (every agent call is initiated by the agent), so nothing asked is lost.
 */
@ApplicationScoped
public class AgentCommandService {

    /** Commands handed out per report; the rest follow with the next ones. */
    static final int BATCH = 50;

    private final AgentCommandRepository commands;

    public AgentCommandService(AgentCommandRepository commands) {
        this.commands = commands;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AgentCommandRecord issue(UUID connectionId, Side side, AgentCommand command) {
        AgentCommandRecord record = new AgentCommandRecord();
        record.id = command.id() == null ? UUID.randomUUID() : command.id();
        record.connectionId = connectionId;
        record.side = side;
        record.type = command.type();
        record.twinId = command.twinId();
        record.localKey = command.localKey();
        record.parkedId = command.parkedId();
        record.bulkSyncId = command.bulkSyncId();
        record.query = command.query();
        record.createdAt = Instant.now();
        commands.persist(record);
        return record;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<AgentCommand> pending(UUID connectionId, Side side) {
        return commands.pending(connectionId, side, BATCH).stream().map(AgentCommandRecord::toCommand).toList();
    }

    /** Marks a command done; returns it, or null when it is not this side's (or was completed already). */
    @Transactional(Transactional.TxType.MANDATORY)
    public AgentCommandRecord complete(UUID connectionId, Side side, SyncReport.CommandResult result) {
        if (result.commandId() == null) {
            return null;
        }
        AgentCommandRecord record = commands.findById(result.commandId());
        if (record == null || !record.connectionId.equals(connectionId) || record.side != side || record.completedAt != null) {
            return null;
        }
        record.completedAt = Instant.now();
        record.outcome = bounded((result.ok() ? "ok" : "failed") + (result.message() == null ? "" : ": " + result.message()));
        return record;
    }

    static String bounded(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }
}
