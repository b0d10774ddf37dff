package io.twinline.core.rules;

import groovy.lang.Closure;
import io.twinline.core.model.Comment;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code commentHelper} in sync rules.
 *
 * <p>{@link #mergeComments} keeps mirrors of the other side's comments, each tracked by the remote comment's id
 * ({@link Comment#getRemoteId()}):
 * <ul>
 *   <li>a remote comment with no mirror is added — unless it was already in {@code previous} unchanged, which means
 *       its mirror was deleted here on purpose (so a local deletion sticks until the remote comment is edited);</li>
 *   <li>a mirror whose remote comment changed since {@code previous} is updated (a local edit of a mirror is kept
 *       while the remote comment does not change);</li>
 *   <li>a mirror whose remote comment is no longer in the replica is removed;</li>
 *   <li>comments written here (no remote id) are never touched, and the other side's mirrors of our comments (they
 *       carry a remote id in the replica) are never mirrored back.</li>
 * </ul>
 * Running it again on its own result changes nothing.
 */
public final class CommentHelper {
    private final Ticket previous;

    public CommentHelper(Ticket previous) {
        this.previous = previous;
    }

    public List<Comment> mergeComments(Ticket entity, Ticket replica) {
        return merge(entity, replica, null);
    }

    /** As {@link #mergeComments(Ticket, Ticket)}, with {@code transform} applied to each incoming comment instead of the author prefix. */
    public List<Comment> mergeComments(Ticket entity, Ticket replica, Closure<?> transform) {
        return merge(entity, replica, transform);
    }

    private List<Comment> merge(Ticket entity, Ticket replica, Closure<?> transform) {
        Objects.requireNonNull(entity, "mergeComments: entity is null");
        Objects.requireNonNull(replica, "mergeComments: replica is null");
        List<Comment> result = new ArrayList<>(entity.getComments().size() + replica.getComments().size());
        for (Comment c : entity.getComments()) {
            result.add(c.copy());
        }
        Map<String, Comment> before = new HashMap<>();
        if (previous != null) {
            for (Comment p : previous.getComments()) {
                if (p.getId() != null) {
                    before.put(p.getId(), p);
                }
            }
        }
        Set<String> remoteIds = new HashSet<>();
        for (Comment remote : replica.getComments()) {
            if (remote.getRemoteId() != null || remote.getId() == null) {
                continue; // a mirror of one of ours, or not trackable
            }
            remoteIds.add(remote.getId());
            Comment mirror = findMirror(result, remote.getId());
            Comment prev = before.get(remote.getId());
            boolean changedRemotely = prev != null
                    && (!Objects.equals(prev.getBody(), remote.getBody()) || prev.isInternal() != remote.isInternal());
            if (mirror == null) {
                if (prev == null || changedRemotely) {
                    result.add(incoming(remote, transform));
                }
            } else {
                Comment wanted = incoming(remote, transform);
                boolean update = prev == null
                        ? !Objects.equals(mirror.getBody(), wanted.getBody()) || mirror.isInternal() != wanted.isInternal()
                        : changedRemotely;
                if (update) {
                    mirror.setBody(wanted.getBody());
                    mirror.setInternal(wanted.isInternal());
                    mirror.setUpdated(remote.getUpdated());
                }
            }
        }
        result.removeIf(c -> c.getRemoteId() != null && !remoteIds.contains(c.getRemoteId()));
        return result;
    }

    private static Comment findMirror(List<Comment> comments, String remoteId) {
        for (Comment c : comments) {
            if (remoteId.equals(c.getRemoteId())) {
                return c;
            }
        }
        return null;
    }

    private static Comment incoming(Comment remote, Closure<?> transform) {
        Comment c = new Comment(null, remote.getBody(), remote.getAuthor() == null ? null : remote.getAuthor().copy(),
                remote.getCreated());
        c.setUpdated(remote.getUpdated());
        c.setInternal(remote.isInternal());
        c.setRemoteId(remote.getId());
        if (transform == null) {
            c.setBody(authorLine(remote.getAuthor()) + (remote.getBody() == null ? "" : remote.getBody()));
            return c;
        }
        Object out = transform.call(c);
        Comment result = out instanceof Comment changed ? changed : c;
        result.setRemoteId(remote.getId());
        result.setId(null);
        return result;
    }

    /** The default first line of a mirrored comment, naming its remote author. */
    public static String authorLine(User author) {
        return (author == null ? "Remote user" : author.describe()) + " wrote:\n";
    }

    /** The default first line for a mirror of {@code comment} (for closures given to mergeComments that keep it). */
    public String authorLineOf(Comment comment) {
        return authorLine(comment == null ? null : comment.getAuthor());
    }

    /** {@code comments} plus a new comment with {@code body}, written by the sync user. */
    public List<Comment> addComment(String body, Collection<Comment> comments) {
        List<Comment> result = comments == null ? new ArrayList<>() : new ArrayList<>(comments);
        result.add(new Comment(null, body, null, Instant.now()));
        return result;
    }

    /** {@code comments} without internal ones (Freshdesk private notes, restricted Jira comments). */
    public List<Comment> filterLocal(Collection<Comment> comments) {
        List<Comment> result = new ArrayList<>();
        if (comments != null) {
            for (Comment c : comments) {
                if (!c.isInternal()) {
                    result.add(c);
                }
            }
        }
        return result;
    }
}
