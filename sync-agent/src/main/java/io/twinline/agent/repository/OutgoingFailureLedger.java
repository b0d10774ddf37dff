package io.twinline.agent.repository;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sync errors of the outgoing flow: a local ticket whose outgoing rules, send or attachment upload failed. One row per
 * twin (in the sync error store shared with parked replicas, so the ids reported to connection-service are unique),
 * kept until a send of the ticket succeeds; each failed attempt pushes the next automatic one further out.
 */
@ApplicationScoped
public class OutgoingFailureLedger {

    private static final String FLOW = "OUTGOING";

    private final AgentStore store;

    public OutgoingFailureLedger(AgentStore store) {
        this.store = store;
    }

    /** {@code nextAttemptAt}: when the automatic retry tries the ticket again. */
    public record OutgoingFailure(long id, String twinId, String localKey, String error, int attempts, Integer line,
                                  Instant failedAt, Instant nextAttemptAt) {
    }

    /**
     * Records a failed send of the twin's ticket: a new error, or one more attempt of the known one. The next automatic
     * attempt waits {@code firstDelay} after the first failure, doubling with each further one up to {@code maxDelay}.
     */
    public void recordFailure(String twinId, String localKey, String error, Integer line, Duration firstDelay, Duration maxDelay) {
        String text = error == null ? "unknown error" : error;
        Instant now = Instant.now();
        List<OutgoingFailure> known = query("WHERE flow = ? AND twin_id = ?", FLOW, twinId);
        if (known.isEmpty()) {
            update("INSERT INTO parked_replica (twin_id, local_key, envelope, error, attempts, parked_at, direction, line, flow, "
                    + "next_attempt_at) VALUES (?, ?, '', ?, 1, ?, 'outgoing', ?, ?, ?)", twinId, localKey, text, Timestamp.from(now),
                    line, FLOW, Timestamp.from(now.plus(firstDelay)));
            return;
        }
        OutgoingFailure failure = known.get(0);
        Duration delay = firstDelay.multipliedBy(1L << Math.min(failure.attempts(), 20));
        delay = delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        update("UPDATE parked_replica SET attempts = attempts + 1, error = ?, line = ?, local_key = ?, next_attempt_at = ? WHERE id = ?",
                text, line, localKey, Timestamp.from(now.plus(delay)), failure.id());
    }

    /** The ticket was sent (or had nothing to send): its error is gone. */
    public void clear(String twinId) {
        update("DELETE FROM parked_replica WHERE flow = ? AND twin_id = ?", FLOW, twinId);
    }

    public List<OutgoingFailure> all() {
        return query("WHERE flow = ? ORDER BY id", FLOW);
    }

    public List<OutgoingFailure> due(Instant now) {
        return query("WHERE flow = ? AND next_attempt_at <= ? ORDER BY id", FLOW, Timestamp.from(now));
    }

    public List<OutgoingFailure> ofTwin(String twinId) {
        return query("WHERE flow = ? AND twin_id = ?", FLOW, twinId);
    }

    private List<OutgoingFailure> query(String where, Object... args) {
        List<OutgoingFailure> failures = new ArrayList<>();
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, twin_id, local_key, error, attempts, line, parked_at, next_attempt_at FROM parked_replica " + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int line = rs.getInt(6);
                    Integer knownLine = rs.wasNull() ? null : line;
                    Timestamp next = rs.getTimestamp(8);
                    failures.add(new OutgoingFailure(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                            knownLine, rs.getTimestamp(7).toInstant(), next == null ? Instant.EPOCH : next.toInstant()));
                }
            }
            return failures;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("the agent's sync error store failed: " + e.getMessage(), e);
    }
}
