package io.twinline.agent.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import io.twinline.agent.config.AgentConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/**
 * The agent's enrollment in its embedded store. Plain JDBC on Agroal rather than Panache: the store is a single row
 * the agent reads at start, and plain SQL keeps it portable between the embedded H2 file and PostgreSQL.
 */
@ApplicationScoped
public class EnrollmentRepository {

    private final AgroalDataSource dataSource;

    public EnrollmentRepository(@Any Instance<AgroalDataSource> dataSources,
                                AgentConfig config) {
        // Only the store's datasource is active (AgentStoreConfigSource); touching the other one would fail.
        this.dataSource = "postgresql".equalsIgnoreCase(config.store().strip())
                ? dataSources.select(new DataSource.DataSourceLiteral("postgresql")).get()
                : dataSources.select(jakarta.enterprise.inject.Default.Literal.INSTANCE).get();
    }

    public Optional<Enrollment> find() {
        String sql = "SELECT connection_id, connection_name, initiator_name, agent_id, agent_secret, connection_api, "
                + "invitation_api, kafka_bootstrap, redeemed_at FROM enrollment";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Enrollment(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                    rs.getTimestamp(9).toInstant()));
        } catch (SQLException e) {
            throw new IllegalStateException("the agent's store cannot be read", e);
        }
    }

    /** Saves the one enrollment this agent has; an agent serves exactly one connection. */
    public void save(Enrollment e) {
        String sql = "INSERT INTO enrollment (id, connection_id, connection_name, initiator_name, agent_id, agent_secret, "
                + "connection_api, invitation_api, kafka_bootstrap, redeemed_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, e.connectionId().toString());
            ps.setString(2, e.connectionName());
            ps.setString(3, e.initiatorName());
            ps.setString(4, e.agentId());
            ps.setString(5, e.agentSecret());
            ps.setString(6, e.connectionApi());
            ps.setString(7, e.invitationApi());
            ps.setString(8, e.kafkaBootstrap());
            ps.setTimestamp(9, Timestamp.from(e.redeemedAt()));
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("the agent's store cannot be written", ex);
        }
    }
}
