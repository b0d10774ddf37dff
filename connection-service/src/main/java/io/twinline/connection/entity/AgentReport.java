package io.twinline.connection.entity;

import io.twinline.core.model.Side;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.IdClass;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** When one side's agent last reported, and whether it then applied what comes to it. */
@Entity
@Table(name = "agent_report")
@IdClass(AgentReport.Key.class)
public class AgentReport extends PanacheEntityBase {

    /** Composite id: one row per connection and side. */
    public static class Key implements Serializable {
        public UUID connectionId;
        public Side side;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(connectionId, k.connectionId) && side == k.side;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(connectionId, side);
        }
    }

    @Id
    @Column(name = "connection_id")
    public UUID connectionId;

    @Id
    @Enumerated(EnumType.STRING)
    public Side side;

    @Column(nullable = false)
    public boolean applying;

    @Column(name = "reported_at", nullable = false)
    public Instant reportedAt;
}
