package io.twinline.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.twinline.connection.entity.RulesVersion;
import io.twinline.core.rules.Direction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RulesVersionRepository implements PanacheRepositoryBase<RulesVersion, UUID> {

    public Optional<RulesVersion> current(UUID connectionId, Direction direction) {
        return find("connectionId = ?1 and direction = ?2 order by version desc", connectionId, direction)
                .firstResultOptional();
    }

    public List<RulesVersion> history(UUID connectionId, Direction direction) {
        return list("connectionId = ?1 and direction = ?2 order by version", connectionId, direction);
    }
}
