package io.twinline.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.twinline.connection.entity.SyncTrigger;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SyncTriggerRepository implements PanacheRepositoryBase<SyncTrigger, UUID> {

    public List<SyncTrigger> byConnection(UUID connectionId) {
        return list("connectionId = ?1 order by createdAt, id", connectionId);
    }

    public Optional<SyncTrigger> byConnection(UUID connectionId, UUID triggerId) {
        return find("connectionId = ?1 and id = ?2", connectionId, triggerId).firstResultOptional();
    }
}
