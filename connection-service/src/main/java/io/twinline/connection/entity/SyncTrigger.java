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

/** A query in the public tracker's own search language: matching tickets come under sync when created or updated. */
@Entity
@Table(name = "sync_trigger")
public class SyncTrigger extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "connection_id", nullable = false)
    public UUID connectionId;

    @Column(nullable = false, length = 2000)
    public String query;

    @Column(length = 500)
    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
