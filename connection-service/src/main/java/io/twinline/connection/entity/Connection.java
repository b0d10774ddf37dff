package io.twinline.connection.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "connection")
public class Connection extends PanacheEntityBase {

    /** What the destination shows until the partner accepts the invitation. */
    public static final String UNKNOWN_DESTINATION = "unknown";

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String name;

    public String description;

    @Column(name = "local_name", nullable = false)
    public String localName;

    @Column(name = "remote_name", nullable = false)
    public String remoteName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConnectionType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConnectionMode mode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConnectionStatus status;

    @Column(nullable = false)
    public String destination;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "invitation_expires_at")
    public Instant invitationExpiresAt;

    @Column(name = "agent_version")
    public String agentVersion;

    @Column(name = "agent_tracker_type")
    public String agentTrackerType;

    @Column(name = "agent_last_seen_at")
    public Instant agentLastSeenAt;

    /** When an operator revoked the agent's credentials: the agent stops, and only a new connection brings it back. */
    @Column(name = "credentials_revoked_at")
    public Instant credentialsRevokedAt;

    /** While a rotation the operator asked for is not completed by the agent. */
    @Column(name = "credentials_rotation_requested_at")
    public Instant credentialsRotationRequestedAt;

    @Version
    public long revision;
}
