package io.twinline.core.event;

import java.time.Instant;
import java.util.UUID;

/**
 * What connection-service publishes about a connection's lifecycle on the connection events topic, keyed by
 * connection id. Consumers de-duplicate by {@code eventId}.
 */
public record ConnectionEvent(
        UUID eventId,
        Type type,
        UUID connectionId,
        Instant occurredAt,
        String connectionName,
        String localName,
        String remoteName,
        String status) {

    public enum Type { INITIATED, ACCEPTED, DEACTIVATED, ACTIVATED, DELETED }
}
