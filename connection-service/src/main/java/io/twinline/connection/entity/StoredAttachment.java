package io.twinline.connection.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * The bytes of one attachment on their way between the agents, stored once per connection under the SHA-256 of the
 * content (64 lowercase hex digits). Rows are never changed: the key is the content.
 */
@Entity
@Table(name = "attachment_blob")
@IdClass(StoredAttachment.Key.class)
public class StoredAttachment extends PanacheEntityBase {

    @Id
    @Column(name = "connection_id")
    public UUID connectionId;

    @Id
    @Column(name = "sha256", length = 64)
    public String sha256;

    @Column(nullable = false)
    public long size;

    // Lazy, so that looking a row up does not read the bytes.
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    public byte[] content;

    @Column(name = "stored_at", nullable = false)
    public Instant storedAt;

    public record Key(UUID connectionId, String sha256) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
