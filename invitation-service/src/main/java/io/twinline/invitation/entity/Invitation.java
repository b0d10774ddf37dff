package io.twinline.invitation.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One invitation code. Only hashes are kept: of the code's secret, of its payload, and of the credential secret given
 * to the agent that redeemed it.
 */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "connection_id", nullable = false)
    public UUID connectionId;

    @Column(name = "connection_name", nullable = false)
    public String connectionName;

    @Column(name = "initiator_name", nullable = false)
    public String initiatorName;

    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    @Column(name = "payload_hash", nullable = false)
    public String payloadHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "redeemed_at")
    public Instant redeemedAt;

    @Column(name = "agent_short_name")
    public String agentShortName;

    @Column(name = "agent_version")
    public String agentVersion;

    @Column(name = "agent_tracker_type")
    public String agentTrackerType;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "agent_secret_hash")
    public String agentSecretHash;
}
