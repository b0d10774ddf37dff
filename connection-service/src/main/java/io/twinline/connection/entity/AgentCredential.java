package io.twinline.connection.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The credential a connection's agent received at redemption; only the secret's hash is kept. */
@Entity
@Table(name = "agent_credential")
public class AgentCredential extends PanacheEntityBase {

    @Id
    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "connection_id", nullable = false)
    public UUID connectionId;

    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    /** The secret handed to the agent during a rotation; it replaces {@link #secretHash} once the agent uses it. */
    @Column(name = "next_secret_hash")
    public String nextSecretHash;

    /** Set when an operator asked for a rotation the agent has not completed yet. */
    @Column(name = "rotation_requested_at")
    public Instant rotationRequestedAt;

    /** Set when an operator revoked the credential: kept so that the agent is told why it is refused. */
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
