package io.twinline.core.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Attachment metadata. Bytes never travel in a replica: {@code hash} ({@code sha256:<hex>}) identifies the content,
 * the agent fetches the bytes and checks them against it. {@code remoteId} marks a mirror of the other side's
 * attachment, as for {@link Comment}.
 */
public final class Attachment {
    private String id;
    private String filename;
    private String mimeType;
    private long filesize;
    private Instant created;
    private User author;
    private String hash;
    private String remoteId;
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    public Attachment() {
    }

    public Attachment(String id, String filename, String mimeType, long filesize, String hash) {
        this.id = id;
        this.filename = filename;
        this.mimeType = mimeType;
        this.filesize = filesize;
        this.hash = hash;
    }

    public String getId() {
        return id;
    }

    public void setId(Object id) {
        this.id = id == null ? null : id.toString();
    }

    public String getFilename() {
        return filename;
    }

    public void setFilename(String filename) {
        this.filename = filename;
    }

    public String getMimeType() {
        return mimeType;
    }

    public void setMimeType(String mimeType) {
        this.mimeType = mimeType;
    }

    public long getFilesize() {
        return filesize;
    }

    public void setFilesize(long filesize) {
        this.filesize = filesize;
    }

    public Instant getCreated() {
        return created;
    }

    public void setCreated(Object created) {
        this.created = Timestamps.toInstant(created);
    }

    public User getAuthor() {
        return author;
    }

    public void setAuthor(User author) {
        this.author = author;
    }

    public String getHash() {
        return hash;
    }

    public void setHash(String hash) {
        this.hash = hash;
    }

    public String getRemoteId() {
        return remoteId;
    }

    public void setRemoteId(Object remoteId) {
        this.remoteId = remoteId == null ? null : remoteId.toString();
    }

    public Map<String, Object> getAttributes() {
        return attributes;
    }

    public Attachment copy() {
        Attachment a = new Attachment(id, filename, mimeType, filesize, hash);
        a.created = created;
        a.author = author == null ? null : author.copy();
        a.remoteId = remoteId;
        a.attributes.putAll(attributes);
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && filesize == a.filesize && Objects.equals(id, a.id)
                && Objects.equals(filename, a.filename) && Objects.equals(mimeType, a.mimeType)
                && Objects.equals(created, a.created) && Objects.equals(author, a.author) && Objects.equals(hash, a.hash)
                && Objects.equals(remoteId, a.remoteId) && attributes.equals(a.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, filename, hash);
    }

    @Override
    public String toString() {
        return "Attachment[" + id + " " + filename + (remoteId == null ? "" : " mirrors " + remoteId) + "]";
    }
}
