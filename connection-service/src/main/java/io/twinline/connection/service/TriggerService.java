package io.twinline.connection.service;

import io.twinline.connection.entity.AuditAction;
import io.twinline.connection.entity.BulkSync;
import io.twinline.connection.entity.Connection;
import io.twinline.connection.entity.ConnectionStatus;
import io.twinline.connection.entity.SyncTrigger;
import io.twinline.connection.repository.BulkSyncRepository;
import io.twinline.connection.repository.SyncTriggerRepository;
import io.twinline.core.model.Side;
import io.twinline.core.operations.AgentCommand;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The public side's triggers: queries in the public tracker's own language, handed to the public agent with every
 * report, and bulk syncs of a trigger's current matches, carried out by that agent.
 */
@ApplicationScoped
public class TriggerService {

    private final AuditService audit;

    private static final Logger LOG = Logger.getLogger(TriggerService.class);

    private final ConnectionService connections;
    private final SyncTriggerRepository triggers;
    private final BulkSyncRepository bulkSyncs;
    private final AgentCommandService commands;

    public TriggerService(ConnectionService connections, SyncTriggerRepository triggers, BulkSyncRepository bulkSyncs,
                          AgentCommandService commands, AuditService audit) {
        this.audit = audit;
        this.connections = connections;
        this.triggers = triggers;
        this.bulkSyncs = bulkSyncs;
        this.commands = commands;
    }

    public List<SyncTrigger> list(UUID connectionId) {
        connections.get(connectionId);
        return triggers.byConnection(connectionId);
    }

    public SyncTrigger get(UUID connectionId, UUID triggerId) {
        connections.get(connectionId);
        return triggers.byConnection(connectionId, triggerId).orElseThrow(() -> ProblemException.notFound("trigger " + triggerId));
    }

    @Transactional
    public SyncTrigger create(UUID connectionId, String query, String description) {
        connections.get(connectionId);
        SyncTrigger trigger = new SyncTrigger();
        trigger.id = UUID.randomUUID();
        trigger.connectionId = connectionId;
        trigger.query = query.strip();
        trigger.description = description;
        trigger.createdAt = Instant.now();
        triggers.persist(trigger);
        audit.record(AuditAction.TRIGGER_ADDED, connectionId, "trigger " + trigger.id, trigger.query);
        LOG.infof("connection %s: trigger %s added: %s", connectionId, trigger.id, trigger.query);
        return trigger;
    }

    /** Tickets under sync stay under sync; only new matches stop coming in. */
    @Transactional
    public void delete(UUID connectionId, UUID triggerId) {
        SyncTrigger trigger = get(connectionId, triggerId);
        triggers.delete(trigger);
        audit.record(AuditAction.TRIGGER_REMOVED, connectionId, "trigger " + triggerId, trigger.query);
        LOG.infof("connection %s: trigger %s deleted", connectionId, triggerId);
    }

    @Transactional
    public BulkSync requestBulkSync(UUID connectionId, UUID triggerId) {
        SyncTrigger trigger = get(connectionId, triggerId);
        requirePartner(connections.get(connectionId));
        BulkSync bulk = new BulkSync();
        bulk.id = UUID.randomUUID();
        bulk.connectionId = connectionId;
        bulk.triggerId = triggerId;
        bulk.state = BulkSync.State.REQUESTED;
        bulk.done = 0;
        bulk.requestedAt = Instant.now();
        bulk.updatedAt = bulk.requestedAt;
        bulkSyncs.persist(bulk);
        audit.record(AuditAction.BULK_SYNC_STARTED, connectionId, "trigger " + triggerId, "bulk sync " + bulk.id);
        commands.issue(connectionId, Side.PUBLIC, AgentCommand.bulkSync(UUID.randomUUID(), bulk.id, trigger.query));
        LOG.infof("connection %s: bulk sync %s of trigger %s requested", connectionId, bulk.id, triggerId);
        return bulk;
    }

    public BulkSync latestBulkSync(UUID connectionId, UUID triggerId) {
        get(connectionId, triggerId);
        return bulkSyncs.latest(triggerId).orElseThrow(() -> ProblemException.notFound("bulk sync of trigger " + triggerId));
    }

    /** Syncing needs a partner: a PENDING connection has none yet. A DEACTIVATED one queues what is sent. */
    static void requirePartner(Connection connection) {
        if (connection.status != ConnectionStatus.ACTIVE && connection.status != ConnectionStatus.DEACTIVATED) {
            throw ProblemException.conflict("CONNECTION_NOT_ACCEPTED", "connection " + connection.id + " is "
                    + connection.status + "; tickets can be synced once the partner has accepted it");
        }
    }
}
