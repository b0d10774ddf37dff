package io.twinline.invitation.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.twinline.invitation.entity.Invitation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    /** Locks the row so that of two concurrent redemptions exactly one sees it unredeemed. */
    public Optional<Invitation> findForRedemption(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<Invitation> findOpenByConnection(UUID connectionId) {
        return list("connectionId = ?1 and revokedAt is null and redeemedAt is null", connectionId);
    }
}
