package io.twinline.agent.sync;

/** Attachment bytes that do not match the hash (or size) the replica names: they are never attached. */
public class AttachmentIntegrityException extends RuntimeException {

    public AttachmentIntegrityException(String message) {
        super(message);
    }
}
