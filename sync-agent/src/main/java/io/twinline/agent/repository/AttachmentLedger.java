package io.twinline.agent.repository;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The attachment part of the twin ledger: which local attachments were sent (and under which hash), and which local
 * attachments mirror the other side's. One statement per call, auto-committed, like {@link TwinLedger}.
 */
@ApplicationScoped
public class AttachmentLedger {

    private final AgentStore store;

    public AttachmentLedger(AgentStore store) {
        this.store = store;
    }

    /** A local attachment whose bytes are in connection-service's store. */
    public record Sent(String hash, long size) {
    }

    /** A local attachment that mirrors the other side's {@code remoteId}, checked against {@code hash}. */
    public record Link(String remoteId, String hash) {
    }

    public Optional<Sent> sent(String twinId, String localAttachmentId) {
        try (Connection c = store.connection();
             PreparedStatement ps = c.prepareStatement("SELECT hash, size FROM attachment_sent WHERE twin_id = ? AND local_attachment_id = ?")) {
            ps.setString(1, twinId);
            ps.setString(2, localAttachmentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Sent(rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public void recordSent(String twinId, String localAttachmentId, String hash, long size) {
        if (sent(twinId, localAttachmentId).isEmpty()) {
            update("INSERT INTO attachment_sent (twin_id, local_attachment_id, hash, size) VALUES (?, ?, ?, ?)",
                    twinId, localAttachmentId, hash, size);
        }
    }

    /** Local attachment id → the remote attachment it mirrors. */
    public Map<String, Link> links(String twinId) {
        Map<String, Link> links = new HashMap<>();
        try (Connection c = store.connection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT local_attachment_id, remote_attachment_id, hash FROM attachment_link WHERE twin_id = ?")) {
            ps.setString(1, twinId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    links.put(rs.getString(1), new Link(rs.getString(2), rs.getString(3)));
                }
            }
            return links;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public void link(String twinId, String localAttachmentId, String remoteAttachmentId, String hash) {
        update("INSERT INTO attachment_link (twin_id, local_attachment_id, remote_attachment_id, hash) VALUES (?, ?, ?, ?)",
                twinId, localAttachmentId, remoteAttachmentId, hash);
    }

    public void unlink(String twinId, String localAttachmentId) {
        update("DELETE FROM attachment_link WHERE twin_id = ? AND local_attachment_id = ?", twinId, localAttachmentId);
    }

    private void update(String sql, Object... args) {
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("the agent's attachment ledger failed: " + e.getMessage(), e);
    }
}
