package io.twinline.agent.repository;

import java.time.Instant;

/**
 * What this side knows of one twin. {@code localKey} is null while the local ticket is being created (the intent is
 * recorded before the tracker call, so a crash there is recognised and resolved by the twin marker).
 */
public record Twin(
        String twinId,
        String localKey,
        String remoteKey,
        State state,
        long lastSentVersion,
        String lastSentHash,
        long lastAppliedVersion,
        String echoHash,
        String previousReplica,
        Instant lastSyncAt,
        String error,
        String lastAppliedHash) {

    /** CREATING: the local ticket is being created; ACTIVE: synced; UNSYNCED: no longer synced, both tickets stay. */
    public enum State { CREATING, ACTIVE, UNSYNCED }
}
