package io.twinline.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.twinline.connection.entity.OperatorKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class OperatorKeyRepository implements PanacheRepositoryBase<OperatorKey, UUID> {

    public Optional<OperatorKey> findActiveByHash(String keyHash) {
        return find("keyHash = ?1 and revokedAt is null", keyHash).firstResultOptional();
    }

    public List<OperatorKey> listByCreation() {
        return listAll(Sort.by("createdAt").and("name"));
    }

    public long countActive() {
        return count("revokedAt is null");
    }
}
