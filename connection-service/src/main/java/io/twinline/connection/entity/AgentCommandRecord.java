package io.twinline.connection.entity;

import io.twinline.core.model.Side;
import io.twinline.core.operations.AgentCommand;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A command left for one side's agent, handed out with every report until the agent reports it completed. */
@Entity
@Table(name = "agent_command")
public class AgentCommandRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "connection_id", nullable = false)
    public UUID connectionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Side side;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgentCommand.Type type;

    @Column(name = "twin_id")
    public String twinId;

    @Column(name = "local_key")
    public String localKey;

    @Column(name = "parked_id")
    public Long parkedId;

    @Column(name = "bulk_sync_id")
    public UUID bulkSyncId;

    @Column(length = 2000)
    public String query;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(length = 2000)
    public String outcome;

    public AgentCommand toCommand() {
        return new AgentCommand(id, type, twinId, localKey, parkedId, bulkSyncId, query);
    }
}
