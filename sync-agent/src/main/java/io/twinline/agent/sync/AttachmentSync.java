package io.twinline.agent.sync;

import io.twinline.agent.repository.AttachmentLedger;
import io.twinline.agent.repository.Twin;
import io.twinline.agent.repository.TwinLedger;
import io.twinline.core.digest.Sha256;
import io.twinline.core.model.Attachment;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;
import io.twinline.core.rules.AttachmentHelper;
import io.twinline.core.tracker.TrackerConnector;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Attachments between the two sides. A replica carries only their metadata and content hash ({@code sha256:<hex>});
 * the bytes go through connection-service's attachment store:
 * <ul>
 *   <li>sending: each of this side's attachments the outgoing rules put in the replica is downloaded from the tracker
 *       once, hashed, and uploaded to the store before the replica leaves; the ledger remembers the hash, so later
 *       replicas of the twin neither download nor upload it again;</li>
 *   <li>receiving: each mirror the incoming rules want and the ticket does not have yet is fetched from the store by
 *       its hash, checked (hash and size; a mismatch fails the apply, so the replica is retried and then parked, and
 *       no corrupt bytes are attached) and uploaded to the tracker; the link from local to remote attachment id keeps
 *       mirrors from being added twice or sent back. Mirrors whose remote attachment is gone are deleted; attachments
 *       added on this side never are.</li>
 * </ul>
 */
public final class AttachmentSync {

    private static final Logger LOG = Logger.getLogger(AttachmentSync.class);
    private static final String SHA256 = "sha256:";

    private final TrackerConnector tracker;
    private final AttachmentLedger ledger;
    private final TwinLedger twins;
    private final AttachmentStore store;
    private boolean warnedNoStore;

    /** {@code store} may be null: then attachments travel as metadata only, and the log says why. */
    AttachmentSync(TrackerConnector tracker, AttachmentLedger ledger, TwinLedger twins, AttachmentStore store) {
        this.tracker = tracker;
        this.ledger = ledger;
        this.twins = twins;
        this.store = store;
    }

    /**
     * Local attachments that mirror the other side's get its attachment id and the hash their bytes were checked
     * against, so the rules' {@code mergeAttachments} recognises them and the other side does not mirror them back.
     */
    void markMirrors(String twinId, Ticket ticket) {
        if (ticket.getAttachments().isEmpty()) {
            return;
        }
        Map<String, AttachmentLedger.Link> links = ledger.links(twinId);
        for (Attachment a : ticket.getAttachments()) {
            AttachmentLedger.Link link = a.getId() == null ? null : links.get(a.getId());
            if (link != null) {
                a.setRemoteId(link.remoteId());
                a.setHash(link.hash());
            }
        }
    }

    /**
     * Gives each of this side's attachments in an outgoing replica its content hash, uploading the bytes to the store
     * the first time; afterwards the replica may be sent.
     */
    void prepareOutgoing(Ticket local, Replica replica) {
        String twinId = null;
        for (Attachment a : replica.getAttachments()) {
            // Where the bytes sit in this tracker is no business of the other side: a Freshdesk URL is pre-signed
            // (a credential that also changes on every read, which would change the replica's hash), a Jira URL
            // points into the private network.
            a.getAttributes().remove("url");
            if (a.getHash() != null || a.getId() == null || a.getRemoteId() != null) {
                continue; // hashed already, or not an attachment of this tracker, or a mirror (marked with its hash)
            }
            if (twinId == null) {
                twinId = twins.byLocalKey(local.getKey()).map(Twin::twinId).orElseThrow(() ->
                        new IllegalStateException("ticket " + local.getKey() + " is not under sync"));
            }
            Optional<AttachmentLedger.Sent> sent = ledger.sent(twinId, a.getId());
            if (sent.isEmpty()) {
                sent = upload(twinId, local, a);
            }
            sent.ifPresent(s -> {
                a.setHash(s.hash());
                a.setFilesize(s.size());
            });
        }
    }

    private Optional<AttachmentLedger.Sent> upload(String twinId, Ticket local, Attachment a) {
        if (store == null) {
            warnNoStore();
            return Optional.empty();
        }
        Attachment source = local.getAttachments().stream().filter(l -> a.getId().equals(l.getId())).findFirst().orElse(a);
        byte[] bytes = tracker.downloadAttachment(local.getKey(), source);
        String hash = Sha256.tagged(bytes);
        store.put(hash.substring(SHA256.length()), bytes);
        ledger.recordSent(twinId, a.getId(), hash, bytes.length);
        LOG.infof("attachment %s '%s' of %s (%d bytes) stored as %s", a.getId(), a.getFilename(), local.getKey(), bytes.length, hash);
        return Optional.of(new AttachmentLedger.Sent(hash, bytes.length));
    }

    /**
     * Makes the tracker's attachments of {@code key} what the incoming rules want: new mirrors are fetched, checked
     * and added (each linked to its remote attachment), mirrors the rules dropped are deleted.
     */
    void apply(String twinId, String key, List<Attachment> before, List<Attachment> wanted) {
        Map<String, AttachmentLedger.Link> links = ledger.links(twinId);
        Set<String> kept = new HashSet<>();
        for (Attachment a : wanted) {
            if (a.getId() != null) {
                kept.add(a.getId());
                continue;
            }
            if (a.getRemoteId() == null) {
                LOG.debugf("twin %s: attachment '%s' has neither an id nor a remote id; nothing to upload", twinId, a.getFilename());
                continue;
            }
            Optional<String> mirrored = links.entrySet().stream()
                    .filter(e -> e.getValue().remoteId().equals(a.getRemoteId()) && e.getValue().hash().equals(a.getHash()))
                    .map(Map.Entry::getKey).findFirst();
            if (mirrored.isPresent()) {
                kept.add(mirrored.get()); // mirrored before (or deleted here on purpose): never added twice
                continue;
            }
            if (a.getHash() == null) {
                LOG.warnf("twin %s: the other side's attachment '%s' came without a content hash (its agent has no attachment "
                        + "store configured); only its metadata is known", twinId, a.getFilename());
                continue;
            }
            if (store == null) {
                warnNoStore();
                continue;
            }
            byte[] bytes = fetch(a);
            Attachment added = unlinkedCopy(twinId, key, before, links, a, bytes).orElseGet(() -> tracker.addAttachment(key,
                    a.getFilename() == null ? "attachment" : a.getFilename(),
                    a.getMimeType() == null ? "application/octet-stream" : a.getMimeType(), bytes));
            ledger.link(twinId, added.getId(), a.getRemoteId(), a.getHash());
            links.put(added.getId(), new AttachmentLedger.Link(a.getRemoteId(), a.getHash()));
            kept.add(added.getId());
            LOG.infof("twin %s: attachment '%s' (%d bytes, %s) added to %s as %s", twinId, a.getFilename(), bytes.length, a.getHash(),
                    key, added.getId());
        }
        // Only mirrors are removed: an attachment added on this side is never deleted because of the other side.
        for (Attachment b : before) {
            if (b.getId() != null && links.containsKey(b.getId()) && !kept.contains(b.getId())) {
                tracker.deleteAttachment(key, b.getId());
                ledger.unlink(twinId, b.getId());
                LOG.infof("twin %s: mirrored attachment %s '%s' of %s deleted (gone on the other side)", twinId, b.getId(),
                        b.getFilename(), key);
            }
        }
    }

    /** The bytes under the attachment's hash, checked against hash and size: anything else is never attached. */
    private byte[] fetch(Attachment a) {
        String hash = a.getHash();
        if (!hash.regionMatches(true, 0, SHA256, 0, SHA256.length())) {
            throw new AttachmentIntegrityException("attachment '" + a.getFilename() + "' (the other side's " + a.getRemoteId()
                    + ") names an unsupported hash '" + hash + "'; only sha256: is known");
        }
        byte[] bytes = store.get(hash.substring(SHA256.length()));
        if (!AttachmentHelper.matches(a, bytes)) {
            throw new AttachmentIntegrityException("attachment '" + a.getFilename() + "' (the other side's " + a.getRemoteId()
                    + ") failed its check: expected " + hash + " (" + a.getFilesize() + " bytes), got "
                    + Sha256.tagged(bytes) + " (" + bytes.length + " bytes); not attached");
        }
        return bytes;
    }

    /**
     * The mirror added by an earlier attempt that stopped before the ledger linked it (a crash, a lost answer): an
     * attachment of the same name and size, neither linked nor sent, whose bytes have the hash. Adopting it instead of uploading
     * again keeps redelivery from duplicating it. A byte-identical attachment added here by a person is adopted too;
     * both sides then have the same file once.
     */
    private Optional<Attachment> unlinkedCopy(String twinId, String key, List<Attachment> before, Map<String, AttachmentLedger.Link> links,
                                              Attachment wanted, byte[] bytes) {
        for (Attachment b : before) {
            if (b.getId() != null && !links.containsKey(b.getId()) && ledger.sent(twinId, b.getId()).isEmpty()
                    && Objects.equals(b.getFilename(), wanted.getFilename())
                    && (b.getFilesize() <= 0 || b.getFilesize() == bytes.length)
                    && Sha256.tagged(tracker.downloadAttachment(key, b)).equalsIgnoreCase(wanted.getHash())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    private void warnNoStore() {
        if (!warnedNoStore) {
            warnedNoStore = true;
            LOG.warn("attachments travel as metadata only: this agent knows no attachment store (PUBLIC side: set "
                    + "twinline.agent.sync.connection-service to connection-service's URL inside the public network)");
        }
    }
}
