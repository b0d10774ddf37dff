package io.twinline.core.operations;

import java.util.UUID;

/**
 * What an operator asked of an agent over REST, delivered in {@link SyncInstructions}.
 *
 * <ul>
 *   <li>{@code SYNC}: bring the local ticket {@code localKey} under sync now, as twin {@code twinId};</li>
 *   <li>{@code UNSYNC}: stop syncing twin {@code twinId} and tell the other side; both tickets stay;</li>
 *   <li>{@code RETRY}: try the parked replicas of twin {@code twinId} again now (from {@code parkedId} on);</li>
 *   <li>{@code BULK_SYNC}: bring every ticket matching {@code query} under sync, reporting progress as {@code bulkSyncId}.</li>
 * </ul>
 */
public record AgentCommand(UUID id, Type type, String twinId, String localKey, Long parkedId, UUID bulkSyncId, String query) {

    public enum Type { SYNC, UNSYNC, RETRY, BULK_SYNC }

    public static AgentCommand sync(UUID id, String twinId, String localKey) {
        return new AgentCommand(id, Type.SYNC, twinId, localKey, null, null, null);
    }

    public static AgentCommand unsync(UUID id, String twinId) {
        return new AgentCommand(id, Type.UNSYNC, twinId, null, null, null, null);
    }

    public static AgentCommand retry(UUID id, String twinId, long parkedId) {
        return new AgentCommand(id, Type.RETRY, twinId, null, parkedId, null, null);
    }

    public static AgentCommand bulkSync(UUID id, UUID bulkSyncId, String query) {
        return new AgentCommand(id, Type.BULK_SYNC, null, null, null, bulkSyncId, query);
    }
}
