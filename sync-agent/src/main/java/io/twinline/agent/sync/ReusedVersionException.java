package io.twinline.agent.sync;

import io.twinline.core.replica.ReplicaEnvelope;

/**
 * A replica carries a version already applied for its twin, with other content: the sender reused a version. Applying
 * it would be guesswork and skipping it would lose its content, so it is a sync error for an operator to see.
 */
final class ReusedVersionException extends RuntimeException {

    ReusedVersionException(ReplicaEnvelope envelope, String appliedHash) {
        super("twin " + envelope.twinId() + " v" + envelope.version() + " was applied already with content " + appliedHash
                + ", and came again with other content " + envelope.contentHash() + ": the sender reused a version");
    }
}
