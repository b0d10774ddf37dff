package io.twinline.connection.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.twinline.connection.entity.AgentReport;
import io.twinline.core.model.Side;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AgentReportRepository implements PanacheRepositoryBase<AgentReport, AgentReport.Key> {

    public Optional<AgentReport> of(UUID connectionId, Side side) {
        return find("connectionId = ?1 and side = ?2", connectionId, side).firstResultOptional();
    }
}
