package io.twinline.connection.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.twinline.core.rules.Direction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One saved text of the public side's outgoing or incoming rules; versions count 1, 2, … per direction. */
@Entity
@Table(name = "rules_version")
public class RulesVersion extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "connection_id", nullable = false)
    public UUID connectionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Direction direction;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false, columnDefinition = "text")
    public String script;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
