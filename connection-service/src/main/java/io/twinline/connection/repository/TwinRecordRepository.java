package io.twinline.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.twinline.connection.entity.TwinRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class TwinRecordRepository implements PanacheRepositoryBase<TwinRecord, String> {

    public List<TwinRecord> byConnection(UUID connectionId) {
        return list("connectionId = ?1 order by coalesce(requestedAt, publicSyncedAt, privateSyncedAt), twinId", connectionId);
    }

    public Optional<TwinRecord> byConnection(UUID connectionId, String twinId) {
        return find("connectionId = ?1 and twinId = ?2", connectionId, twinId).firstResultOptional();
    }

    /** The twin the public ticket {@code publicKey} belongs to now (an unsynced one does not count). */
    public Optional<TwinRecord> syncedByPublicKey(UUID connectionId, String publicKey) {
        return find("connectionId = ?1 and publicKey = ?2 and (publicState is null or publicState <> 'UNSYNCED') "
                + "and (error is null or requested is not null)", connectionId, publicKey).firstResultOptional();
    }

    /** Creates the twin's row unless it exists (also when another transaction creates it at the same time). */
    public void insertIfAbsent(String twinId, UUID connectionId) {
        getEntityManager().createNativeQuery("INSERT INTO {h-schema}twin (twin_id, connection_id) VALUES (?1, ?2) "
                + "ON CONFLICT (twin_id) DO NOTHING").setParameter(1, twinId).setParameter(2, connectionId).executeUpdate();
    }
}
