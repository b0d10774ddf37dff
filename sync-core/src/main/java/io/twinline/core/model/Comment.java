package io.twinline.core.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A comment (Freshdesk note or reply, Jira comment). {@code internal} is a Freshdesk private note or a
 * Jira comment restricted by visibility.
 *
 * <p>{@code remoteId} is ours, not the trackers': on a comment that mirrors a comment of the other side it holds
 * that comment's id, which is how {@code commentHelper.mergeComments} finds mirrors again. It is null on comments
 * people wrote locally. A new mirror has a null {@code id} until the agent creates it in the tracker.
 */
public final class Comment {
    private String id;
    private String body;
    private User author;
    private Instant created;
    private Instant updated;
    private boolean internal;
    private String remoteId;
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    public Comment() {
    }

    public Comment(String id, String body, User author, Instant created) {
        this.id = id;
        this.body = body;
        this.author = author;
        this.created = created;
        this.updated = created;
    }

    public String getId() {
        return id;
    }

    public void setId(Object id) {
        this.id = id == null ? null : id.toString();
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public User getAuthor() {
        return author;
    }

    public void setAuthor(User author) {
        this.author = author;
    }

    public Instant getCreated() {
        return created;
    }

    public void setCreated(Object created) {
        this.created = Timestamps.toInstant(created);
    }

    public Instant getUpdated() {
        return updated;
    }

    public void setUpdated(Object updated) {
        this.updated = Timestamps.toInstant(updated);
    }

    public boolean isInternal() {
        return internal;
    }

    public void setInternal(boolean internal) {
        this.internal = internal;
    }

    public String getRemoteId() {
        return remoteId;
    }

    public void setRemoteId(Object remoteId) {
        this.remoteId = remoteId == null ? null : remoteId.toString();
    }

    /** Tracker-specific extras (and unknown JSON properties), kept as they are. */
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    public Comment copy() {
        Comment c = new Comment(id, body, author == null ? null : author.copy(), created);
        c.updated = updated;
        c.internal = internal;
        c.remoteId = remoteId;
        c.attributes.putAll(attributes);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Comment c && internal == c.internal && Objects.equals(id, c.id) && Objects.equals(body, c.body)
                && Objects.equals(author, c.author) && Objects.equals(created, c.created) && Objects.equals(updated, c.updated)
                && Objects.equals(remoteId, c.remoteId) && attributes.equals(c.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, body, remoteId);
    }

    @Override
    public String toString() {
        return "Comment[" + id + (remoteId == null ? "" : " mirrors " + remoteId) + (internal ? ", internal" : "") + "]";
    }
}
