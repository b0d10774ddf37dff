package io.twinline.agent.sync;

import io.twinline.agent.repository.TwinLedger;
import io.twinline.core.model.Comment;
import io.twinline.core.model.Ticket;
import io.twinline.core.tracker.TrackerConnector;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The comments of a replica applied to the local ticket. Mirrors (comments of the other side) are linked to the remote
 * comment they mirror. Adding one is crash-safe, as creates are: the intent (remote id and text) is recorded before the
 * tracker call, and the next read of the ticket adopts the unlinked comment with that text instead of a second one
 * being added (the text is the marker: neither tracker has a hidden field on a comment).
 */
final class CommentSync {

    private static final Logger LOG = Logger.getLogger(CommentSync.class);

    private final TrackerConnector tracker;
    private final TwinLedger ledger;
    private final Runnable afterAdd;

    /** {@code afterAdd}: a crash point for tests, run right after the tracker added a mirror, before it is linked. */
    CommentSync(TrackerConnector tracker, TwinLedger ledger, Runnable afterAdd) {
        this.tracker = tracker;
        this.ledger = ledger;
        this.afterAdd = afterAdd;
    }

    /**
     * Comments that mirror the other side's carry its id, so the helpers and the other side know them. A comment added
     * by an attempt that stopped before linking it (its intent is still recorded) is adopted here, the first time the
     * ticket is read again: before the rules could take it for one of this side's and send it back.
     */
    void markMirrors(String twinId, Ticket ticket) {
        Map<String, String> links = ledger.commentLinks(twinId);
        Map<String, String> intents = ledger.commentIntents(twinId);
        for (Map.Entry<String, String> intent : intents.entrySet()) {
            ticket.getComments().stream()
                    .filter(c -> c.getId() != null && !links.containsKey(c.getId()) && Objects.equals(c.getBody(), intent.getValue()))
                    .findFirst().ifPresent(c -> {
                        ledger.linkComment(twinId, c.getId(), intent.getKey());
                        ledger.clearCommentIntent(twinId, intent.getKey());
                        links.put(c.getId(), intent.getKey());
                        LOG.infof("twin %s: comment %s of %s adopted as the mirror of the other side's %s (added before a crash)",
                                twinId, c.getId(), ticket.getKey(), intent.getKey());
                    });
        }
        for (Comment comment : ticket.getComments()) {
            if (comment.getId() != null && links.containsKey(comment.getId())) {
                comment.setRemoteId(links.get(comment.getId()));
            }
        }
    }

    void apply(String twinId, String key, List<Comment> before, List<Comment> wanted) {
        Map<String, Comment> existing = new HashMap<>();
        for (Comment c : before) {
            if (c.getId() != null) {
                existing.put(c.getId(), c);
            }
        }
        for (Comment c : wanted) {
            if (c.getId() == null) {
                if (c.getRemoteId() == null) {
                    tracker.addComment(key, c);
                } else {
                    addMirror(twinId, key, c);
                }
                continue;
            }
            Comment was = existing.remove(c.getId());
            if (was != null && (!Objects.equals(was.getBody(), c.getBody()) || was.isInternal() != c.isInternal())) {
                tracker.editComment(key, c);
            }
        }
        // Only mirrors are removed: a comment written on this side is never deleted because of the other side.
        Map<String, String> links = ledger.commentLinks(twinId);
        for (Comment gone : existing.values()) {
            if (links.containsKey(gone.getId())) {
                tracker.deleteComment(key, gone.getId());
                ledger.unlinkComment(twinId, gone.getId());
            }
        }
    }

    private void addMirror(String twinId, String key, Comment mirror) {
        ledger.recordCommentIntent(twinId, mirror.getRemoteId(), mirror.getBody());
        Comment added = tracker.addComment(key, mirror);
        afterAdd.run();
        ledger.linkComment(twinId, added.getId(), mirror.getRemoteId());
        ledger.clearCommentIntent(twinId, mirror.getRemoteId());
    }

    /**
     * Whether the comments after the apply are other than the apply made them: this side's own comments from before
     * plus the mirrors now linked. A difference is a comment someone wrote or deleted here meanwhile.
     */
    boolean writtenMeanwhile(String twinId, Ticket before, Ticket after) {
        Set<String> expected = before.getComments().stream().filter(c -> c.getRemoteId() == null).map(Comment::getId)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        expected.addAll(ledger.commentLinks(twinId).keySet());
        Set<String> actual = after.getComments().stream().map(Comment::getId).filter(Objects::nonNull).collect(Collectors.toSet());
        return !actual.equals(expected);
    }
}
