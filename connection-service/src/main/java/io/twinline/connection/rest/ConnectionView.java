package io.twinline.connection.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.twinline.connection.entity.Connection;
import io.twinline.connection.entity.ConnectionMode;
import io.twinline.connection.entity.ConnectionStatus;
import io.twinline.connection.entity.ConnectionType;

import java.time.Instant;
import java.util.UUID;

/** A connection as operators see it; {@code invitationCode} only in the answer that minted it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectionView(
        UUID id,
        String name,
        String description,
        ConnectionType type,
        ConnectionMode mode,
        String localName,
        String remoteName,
        ConnectionStatus status,
        String destination,
        Instant createdAt,
        Instant acceptedAt,
        Instant invitationExpiresAt,
        Agent agent,
        String invitationCode) {

    /**
     * The partner's agent, once the invitation was accepted; {@code credentials} is {@code VALID}, {@code ROTATING}
     * (an operator asked for new ones; the agent has not used them yet) or {@code REVOKED} (since
     * {@code credentialsRevokedAt}).
     */
    public record Agent(String version, String trackerType, Instant lastSeenAt, String credentials,
                        Instant credentialsRevokedAt) {
    }

    public static ConnectionView of(Connection c) {
        return of(c, null);
    }

    public static ConnectionView of(Connection c, String invitationCode) {
        Agent agent = c.acceptedAt == null ? null : new Agent(c.agentVersion, c.agentTrackerType, c.agentLastSeenAt,
                c.credentialsRevokedAt != null ? "REVOKED" : c.credentialsRotationRequestedAt != null ? "ROTATING" : "VALID",
                c.credentialsRevokedAt);
        return new ConnectionView(c.id, c.name, c.description, c.type, c.mode, c.localName, c.remoteName, c.status,
                c.destination, c.createdAt, c.acceptedAt, c.invitationExpiresAt, agent, invitationCode);
    }
}
