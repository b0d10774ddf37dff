package io.twinline.core.rules;

import io.twinline.core.digest.Sha256;
import io.twinline.core.model.Attachment;
import io.twinline.core.model.Ticket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code attachmentHelper} in sync rules. {@link #mergeAttachments} adds a mirror (metadata only, null id, the remote
 * id in {@code remoteId}) for each of the replica's attachments that has none, replaces a mirror whose content hash
 * changed, and removes mirrors whose remote attachment is gone. The agent then fetches the bytes of new mirrors and
 * checks them with {@link #matches(Attachment, byte[])} before uploading.
 */
public final class AttachmentHelper {

    public List<Attachment> mergeAttachments(Ticket entity, Ticket replica) {
        Objects.requireNonNull(entity, "mergeAttachments: entity is null");
        Objects.requireNonNull(replica, "mergeAttachments: replica is null");
        List<Attachment> result = new ArrayList<>();
        for (Attachment a : entity.getAttachments()) {
            result.add(a.copy());
        }
        Set<String> remoteIds = new HashSet<>();
        for (Attachment remote : replica.getAttachments()) {
            if (remote.getRemoteId() != null || remote.getId() == null) {
                continue; // the other side's mirror of one of ours, or not trackable
            }
            remoteIds.add(remote.getId());
            Attachment mirror = null;
            for (Attachment a : result) {
                if (remote.getId().equals(a.getRemoteId())) {
                    mirror = a;
                    break;
                }
            }
            if (mirror != null && Objects.equals(mirror.getHash(), remote.getHash())) {
                continue;
            }
            if (mirror != null) {
                result.remove(mirror);
            }
            Attachment copy = remote.copy();
            copy.setId(null);
            copy.setRemoteId(remote.getId());
            result.add(copy);
        }
        result.removeIf(a -> a.getRemoteId() != null && !remoteIds.contains(a.getRemoteId()));
        return result;
    }

    /** Do these bytes have the attachment's hash (and size, when known)? */
    public static boolean matches(Attachment attachment, byte[] content) {
        if (attachment.getHash() == null) {
            return false;
        }
        return (attachment.getFilesize() <= 0 || attachment.getFilesize() == content.length)
                && attachment.getHash().equalsIgnoreCase(Sha256.tagged(content));
    }
}
