package io.twinline.agent.sync;

import io.twinline.core.replica.ReplicaEnvelope;

/** Where the replica consumer hands what it reads: applied, or parked in the dead-letter store when it cannot be. */
interface ReplicaSink {

    /** Applies a replica (or parks it behind an earlier parked one of its twin); throws when it cannot be applied now. */
    void onReplica(ReplicaEnvelope envelope);

    /** Parks a replica that failed to apply, with the failure. */
    void park(ReplicaEnvelope envelope, RuntimeException failure);

    /**
     * Parks a record that is not a replica this agent can read (malformed, or written in a newer format), kept as it
     * came under the twin its Kafka key names, so an upgraded agent applies it on retry.
     */
    void parkUnreadable(String twinId, String record, RuntimeException failure);
}
