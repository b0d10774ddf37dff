package io.twinline.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.twinline.connection.entity.SyncError;
import io.twinline.core.model.Side;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SyncErrorRepository implements PanacheRepositoryBase<SyncError, UUID> {

    public List<SyncError> byConnection(UUID connectionId) {
        return list("connectionId = ?1 order by parkedAt, side, parkedId", connectionId);
    }

    public List<SyncError> bySide(UUID connectionId, Side side) {
        return list("connectionId = ?1 and side = ?2", connectionId, side);
    }

    public Optional<SyncError> byConnection(UUID connectionId, UUID errorId) {
        return find("connectionId = ?1 and id = ?2", connectionId, errorId).firstResultOptional();
    }

    /** Replicas the side's agent parked on their way in. */
    public long countParked(UUID connectionId, Side side) {
        return count("connectionId = ?1 and side = ?2 and (direction is null or direction <> ?3)", connectionId, side, OUTGOING);
    }

    /** Tickets of the side whose send failed (their outgoing rules, the send or an attachment upload). */
    public long countUnsent(UUID connectionId, Side side) {
        return count("connectionId = ?1 and side = ?2 and direction = ?3", connectionId, side, OUTGOING);
    }

    private static final String OUTGOING = "outgoing";
}
