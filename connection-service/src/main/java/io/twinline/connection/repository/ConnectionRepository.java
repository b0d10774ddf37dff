package io.twinline.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.twinline.connection.entity.Connection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ConnectionRepository implements PanacheRepositoryBase<Connection, UUID> {

    public boolean nameTaken(String name) {
        return count("lower(name) = lower(?1)", name) > 0;
    }

    public List<Connection> listByCreation() {
        return listAll(Sort.by("createdAt").and("name"));
    }

    /**
     * Records an agent's heartbeat without bumping the connection's version: heartbeats come every few seconds and must
     * not make an operator's concurrent change (deactivate, activate) fail on the optimistic lock.
     */
    public void recordAgentSeen(UUID id, java.time.Instant at, String agentVersion) {
        update("agentLastSeenAt = ?1, agentVersion = coalesce(?2, agentVersion) where id = ?3", at, agentVersion, id);
    }
}
