package io.twinline.connection.entity;

import io.twinline.core.model.Side;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A replica an agent could not apply and parked, as the agent last reported it. */
@Entity
@Table(name = "sync_error")
public class SyncError extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "connection_id", nullable = false)
    public UUID connectionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Side side;

    @Column(name = "parked_id", nullable = false)
    public long parkedId;

    @Column(name = "twin_id", nullable = false)
    public String twinId;

    @Column(nullable = false, length = 2000)
    public String message;

    public String direction;

    public Integer line;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "parked_at", nullable = false)
    public Instant parkedAt;

    @Column(name = "retry_requested_at")
    public Instant retryRequestedAt;
}
