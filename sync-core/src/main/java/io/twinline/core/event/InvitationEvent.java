package io.twinline.core.event;

import java.time.Instant;
import java.util.UUID;

/**
 * What invitation-service publishes on the invitation events topic, keyed by connection id. Consumers de-duplicate by
 * {@code eventId}. A {@code REDEEMED} event carries the accepting agent and the hash (never the secret) of the
 * credentials it was given.
 */
public record InvitationEvent(
        UUID eventId,
        Type type,
        UUID connectionId,
        UUID invitationId,
        Instant occurredAt,
        AgentInfo agent,
        AgentCredential credential) {

    public enum Type { MINTED, REVOKED, REDEEMED }

    /** The partner's agent as it introduced itself when redeeming. */
    public record AgentInfo(String shortName, String version, String trackerType) {
    }

    /** The identity of the credential issued to the agent, and its secret's hash. */
    public record AgentCredential(String agentId, String secretHash) {
    }
}
