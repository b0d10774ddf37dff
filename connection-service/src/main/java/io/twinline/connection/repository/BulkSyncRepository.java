package io.twinline.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.twinline.connection.entity.BulkSync;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class BulkSyncRepository implements PanacheRepositoryBase<BulkSync, UUID> {

    public Optional<BulkSync> latest(UUID triggerId) {
        return find("triggerId = ?1 order by requestedAt desc", triggerId).firstResultOptional();
    }

    public Optional<BulkSync> byConnection(UUID connectionId, UUID bulkSyncId) {
        return find("connectionId = ?1 and id = ?2", connectionId, bulkSyncId).firstResultOptional();
    }
}
