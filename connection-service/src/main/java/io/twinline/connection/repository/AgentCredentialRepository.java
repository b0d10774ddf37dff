package io.twinline.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.twinline.connection.entity.AgentCredential;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class AgentCredentialRepository implements PanacheRepositoryBase<AgentCredential, String> {

    public java.util.List<String> agentIds(UUID connectionId) {
        return list("connectionId", connectionId).stream().map(c -> c.agentId).toList();
    }

    public long revokeAll(UUID connectionId) {
        return delete("connectionId", connectionId);
    }

    public boolean isValid(String agentId, UUID connectionId) {
        return count("agentId = ?1 and connectionId = ?2 and revokedAt is null", agentId, connectionId) > 0;
    }

    public java.util.List<AgentCredential> ofConnection(UUID connectionId) {
        return list("connectionId", connectionId);
    }
}
