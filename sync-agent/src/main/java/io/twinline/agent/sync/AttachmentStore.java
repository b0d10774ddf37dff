package io.twinline.agent.sync;

/**
 * connection-service's attachment store for this agent's connection: attachment bytes travel through it, never
 * inside a replica. Keys are SHA-256 digests as 64 hex digits. Both calls throw when the store cannot be reached or
 * refuses; the caller's sync step then fails and is retried.
 */
public interface AttachmentStore {

    void put(String sha256Hex, byte[] content);

    byte[] get(String sha256Hex);
}
