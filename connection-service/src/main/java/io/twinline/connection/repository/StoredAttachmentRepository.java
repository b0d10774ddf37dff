package io.twinline.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.twinline.connection.entity.StoredAttachment;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class StoredAttachmentRepository implements PanacheRepositoryBase<StoredAttachment, StoredAttachment.Key> {

    /**
     * Stores the bytes unless the connection has them already; true when this call stored them. One statement, so two
     * agents uploading the same file at once both succeed and the content is stored once.
     */
    public boolean insertIfAbsent(UUID connectionId, String sha256, byte[] content, Instant storedAt) {
        // {h-schema}: native SQL does not get the default schema the entities are mapped to.
        return getEntityManager().createNativeQuery("INSERT INTO {h-schema}attachment_blob (connection_id, sha256, size, content, stored_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (connection_id, sha256) DO NOTHING")
                .setParameter(1, connectionId)
                .setParameter(2, sha256)
                .setParameter(3, (long) content.length)
                .setParameter(4, content)
                .setParameter(5, storedAt)
                .executeUpdate() == 1;
    }

    public Optional<Long> size(UUID connectionId, String sha256) {
        return getEntityManager().createQuery("select a.size from StoredAttachment a where a.connectionId = ?1 and a.sha256 = ?2",
                Long.class).setParameter(1, connectionId).setParameter(2, sha256).getResultStream().findFirst();
    }

    public Optional<byte[]> content(UUID connectionId, String sha256) {
        return getEntityManager().createQuery("select a.content from StoredAttachment a where a.connectionId = ?1 and a.sha256 = ?2",
                byte[].class).setParameter(1, connectionId).setParameter(2, sha256).getResultStream().findFirst();
    }
}
