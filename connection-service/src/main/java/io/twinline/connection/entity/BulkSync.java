package io.twinline.connection.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One run of "bring every current match of a trigger under sync", with the progress its agent reports. */
@Entity
@Table(name = "bulk_sync")
public class BulkSync extends PanacheEntityBase {

    public enum State { REQUESTED, RUNNING, DONE, FAILED }

    @Id
    public UUID id;

    @Column(name = "connection_id", nullable = false)
    public UUID connectionId;

    @Column(name = "trigger_id", nullable = false)
    public UUID triggerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false)
    public int done;

    public Integer total;

    @Column(length = 2000)
    public String error;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
