package io.twinline.agent.repository;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

/**
 * The agent's enrollment: one row, read at start.
 */
@ApplicationScoped
public class EnrollmentRepository {

    private final AgentStore store;

    public EnrollmentRepository(AgentStore store) {
        this.store = store;
    }

    public Optional<Enrollment> find() {
        String sql = "SELECT connection_id, connection_name, initiator_name, agent_id, agent_secret, connection_api, "
                + "invitation_api, redeemed_at FROM enrollment";
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Enrollment(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                    rs.getTimestamp(8).toInstant()));
        } catch (SQLException e) {
            throw new IllegalStateException("the agent's store cannot be read", e);
        }
    }

    /** Replaces the stored secret after an operator rotated this agent's credentials. */
    public void updateSecret(String agentId, String agentSecret) {
        try (Connection c = store.connection();
             PreparedStatement ps = c.prepareStatement("UPDATE enrollment SET agent_secret = ? WHERE agent_id = ?")) {
            ps.setString(1, agentSecret);
            ps.setString(2, agentId);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("the agent's store holds no enrollment of agent " + agentId);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("the agent's store cannot be written", ex);
        }
    }

    /** Saves the one enrollment this agent has; an agent serves exactly one connection. */
    public void save(Enrollment e) {
        String sql = "INSERT INTO enrollment (id, connection_id, connection_name, initiator_name, agent_id, agent_secret, "
                + "connection_api, invitation_api, redeemed_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, e.connectionId().toString());
            ps.setString(2, e.connectionName());
            ps.setString(3, e.initiatorName());
            ps.setString(4, e.agentId());
            ps.setString(5, e.agentSecret());
            ps.setString(6, e.connectionApi());
            ps.setString(7, e.invitationApi());
            ps.setTimestamp(8, Timestamp.from(e.redeemedAt()));
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("the agent's store cannot be written", ex);
        }
    }
}
