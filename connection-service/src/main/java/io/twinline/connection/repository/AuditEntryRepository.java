package io.twinline.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.twinline.connection.entity.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AuditEntryRepository implements PanacheRepositoryBase<AuditEntry, UUID> {

    public List<AuditEntry> latest(UUID connectionId, int limit) {
        Sort newestFirst = Sort.by("occurredAt", Sort.Direction.Descending).and("id");
        return (connectionId == null ? findAll(newestFirst) : find("connectionId", newestFirst, connectionId))
                .page(Page.ofSize(limit)).list();
    }
}
