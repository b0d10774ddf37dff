package io.twinline.agent.sync;

import io.twinline.core.replica.ReplicaEnvelope;

/** How this side's replicas reach the other side. Returns only once the replica is stored; throws otherwise. */
public interface ReplicaTransport extends AutoCloseable {

    void send(ReplicaEnvelope envelope);

    @Override
    default void close() {
    }
}
