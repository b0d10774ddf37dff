package io.twinline.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.twinline.connection.entity.AgentCommandRecord;
import io.twinline.core.model.Side;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AgentCommandRepository implements PanacheRepositoryBase<AgentCommandRecord, UUID> {

    /** The commands one side's agent has not yet reported completed, oldest first. */
    public List<AgentCommandRecord> pending(UUID connectionId, Side side, int limit) {
        return find("connectionId = ?1 and side = ?2 and completedAt is null order by createdAt, id", connectionId, side)
                .page(0, limit).list();
    }
}
