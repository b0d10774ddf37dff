package io.twinline.agent.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.twinline.agent.config.AgentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The agent's own database: the embedded H2 file or PostgreSQL ({@code twinline.agent.store}). Repositories use
 * plain JDBC on it rather than Panache: the statements are few, and plain SQL stays portable between the two.
 */
@ApplicationScoped
public class AgentStore {

    private final AgroalDataSource dataSource;

    public AgentStore(@Any Instance<AgroalDataSource> dataSources, AgentConfig config) {
        // Only the store's datasource is active (AgentStoreConfigSource); touching the other one would fail.
        this.dataSource = "postgresql".equalsIgnoreCase(config.store().strip())
                ? dataSources.select(new DataSource.DataSourceLiteral("postgresql")).get()
                : dataSources.select(Default.Literal.INSTANCE).get();
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }
}
