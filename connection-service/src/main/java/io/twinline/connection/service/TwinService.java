package io.twinline.connection.service;

import io.twinline.connection.entity.AuditAction;
import io.twinline.connection.entity.TwinRecord;
import io.twinline.connection.repository.TwinRecordRepository;
import io.twinline.core.model.Side;
import io.twinline.core.operations.AgentCommand;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Twins as operators see them: sync one public ticket now, list the twins with both keys, stop syncing one. The
 * public agent carries the requests out; both agents report their side of every twin.
 */
@ApplicationScoped
public class TwinService {

    private final AuditService audit;

    private static final Logger LOG = Logger.getLogger(TwinService.class);

    private final ConnectionService connections;
    private final TwinRecordRepository twins;
    private final AgentCommandService commands;

    public TwinService(ConnectionService connections, TwinRecordRepository twins, AgentCommandService commands, AuditService audit) {
        this.audit = audit;
        this.connections = connections;
        this.twins = twins;
        this.commands = commands;
    }

    /** The twin and whether this call requested it (false: the ticket is under sync or requested already). */
    public record SyncRequest(TwinRecord twin, boolean created) {
    }

    @Transactional
    public SyncRequest syncNow(UUID connectionId, String localKey) {
        TriggerService.requirePartner(connections.get(connectionId));
        String key = localKey.strip();
        Optional<TwinRecord> known = twins.syncedByPublicKey(connectionId, key);
        if (known.isPresent()) {
            return new SyncRequest(known.get(), false);
        }
        TwinRecord twin = new TwinRecord();
        twin.twinId = UUID.randomUUID().toString();
        twin.connectionId = connectionId;
        twin.publicKey = key;
        twin.requested = TwinRecord.Request.SYNC;
        twin.requestedAt = Instant.now();
        twins.persist(twin);
        audit.record(AuditAction.TWIN_SYNC_REQUESTED, connectionId, "twin " + twin.twinId, "ticket " + key);
        commands.issue(connectionId, Side.PUBLIC, AgentCommand.sync(UUID.randomUUID(), twin.twinId, key));
        LOG.infof("connection %s: sync of ticket %s requested as twin %s", connectionId, key, twin.twinId);
        return new SyncRequest(twin, true);
    }

    public List<TwinRecord> list(UUID connectionId) {
        connections.get(connectionId);
        return twins.byConnection(connectionId);
    }

    public TwinRecord get(UUID connectionId, String twinId) {
        connections.get(connectionId);
        return twins.byConnection(connectionId, twinId).orElseThrow(() -> ProblemException.notFound("twin " + twinId));
    }

    /** Asks the public agent to stop syncing the twin and tell the private side; asking again changes nothing. */
    @Transactional
    public TwinRecord unsync(UUID connectionId, String twinId) {
        TwinRecord twin = get(connectionId, twinId);
        if (twin.requested == TwinRecord.Request.UNSYNC || "UNSYNCED".equals(twin.publicState)) {
            return twin;
        }
        if (twin.publicKey == null || twin.requested == TwinRecord.Request.SYNC && twin.publicState == null) {
            throw ProblemException.conflict("TWIN_NOT_SYNCED", "twin " + twinId + " is not under sync on the public side yet");
        }
        twin.requested = TwinRecord.Request.UNSYNC;
        audit.record(AuditAction.TWIN_UNSYNC_REQUESTED, connectionId, "twin " + twinId, null);
        twin.requestedAt = Instant.now();
        commands.issue(connectionId, Side.PUBLIC, AgentCommand.unsync(UUID.randomUUID(), twinId));
        LOG.infof("connection %s: unsync of twin %s requested", connectionId, twinId);
        return twin;
    }
}
