package io.twinline.agent.repository;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's twin ledger, comment links and sync state (watermarks): one statement per call, auto-committed unless
 * made inside {@link #inUnitOfWork(Runnable)}.
 */
@ApplicationScoped
public class TwinLedger {

    private static final String COLUMNS = "twin_id, local_key, remote_key, state, last_sent_version, last_sent_hash, "
            + "last_applied_version, echo_hash, previous_replica, last_sync_at, error, last_applied_hash";

    private final AgentStore store;

    public TwinLedger(AgentStore store) {
        this.store = store;
    }

    /** Runs {@code work} as one transaction of the ledger (see {@link AgentStore#inUnitOfWork(Runnable)}). */
    public void inUnitOfWork(Runnable work) {
        store.inUnitOfWork(work);
    }

    public Optional<Twin> byTwinId(String twinId) {
        return one("SELECT " + COLUMNS + " FROM twin WHERE twin_id = ?", twinId);
    }

    public Optional<Twin> byLocalKey(String localKey) {
        return one("SELECT " + COLUMNS + " FROM twin WHERE local_key = ?", localKey);
    }

    /** A twin this side starts: its local ticket exists, nothing was sent yet. */
    public Twin startOutgoing(String twinId, String localKey) {
        update("INSERT INTO twin (twin_id, local_key, state, last_sent_version, last_applied_version) VALUES (?, ?, 'ACTIVE', 0, 0)",
                twinId, localKey);
        return byTwinId(twinId).orElseThrow();
    }

    /** The intent to create the local ticket of a twin the other side started, recorded before the tracker call. */
    public Twin recordCreateIntent(String twinId, String remoteKey) {
        update("INSERT INTO twin (twin_id, remote_key, state, last_sent_version, last_applied_version) VALUES (?, ?, 'CREATING', 0, 0)",
                twinId, remoteKey);
        return byTwinId(twinId).orElseThrow();
    }

    public void recordCreated(String twinId, String localKey) {
        update("UPDATE twin SET local_key = ?, state = 'ACTIVE' WHERE twin_id = ?", localKey, twinId);
    }

    /**
     * The version about to be sent, recorded before the send: a send that fails or whose outcome is unknown never
     * lets the next one reuse its version with other content.
     */
    public void reserveVersion(String twinId, long version) {
        update("UPDATE twin SET last_sent_version = ? WHERE twin_id = ? AND last_sent_version < ?", version, twinId, version);
    }

    public void recordSent(String twinId, long version, String hash) {
        update("UPDATE twin SET last_sent_version = ?, last_sent_hash = ?, last_sync_at = ?, error = NULL WHERE twin_id = ?",
                version, hash, Timestamp.from(Instant.now()), twinId);
    }

    public void recordApplied(String twinId, long version, String remoteKey, String previousReplica, String echoHash,
                              String appliedHash) {
        update("UPDATE twin SET last_applied_version = ?, remote_key = ?, previous_replica = ?, echo_hash = ?, last_sync_at = ?, "
                + "error = NULL, last_applied_hash = ? WHERE twin_id = ?", version, remoteKey, previousReplica, echoHash,
                Timestamp.from(Instant.now()), appliedHash, twinId);
    }

    public void recordError(String twinId, String error) {
        update("UPDATE twin SET error = ? WHERE twin_id = ?", bounded(error), twinId);
    }

    private static String bounded(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    /** Twins whose sync time is at or after {@code since} (what changed since an agent's last report). */
    public List<Twin> changedSince(Instant since) {
        List<Twin> twins = new ArrayList<>();
        try (Connection c = store.connection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM twin WHERE last_sync_at >= ? ORDER BY last_sync_at")) {
            ps.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    twins.add(read(rs));
                }
            }
            return twins;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * The twin is no longer synced: kept as UNSYNCED (so a trigger does not bring its ticket back by itself), its
     * parked replicas, comment and attachment links dropped.
     */
    public void markUnsynced(String twinId) {
        update("DELETE FROM comment_link WHERE twin_id = ?", twinId);
        update("DELETE FROM comment_intent WHERE twin_id = ?", twinId);
        update("DELETE FROM parked_replica WHERE twin_id = ?", twinId);
        update("DELETE FROM own_baseline WHERE twin_id = ?", twinId);
        update("DELETE FROM sent_change WHERE twin_id = ?", twinId);
        update("DELETE FROM attachment_link WHERE twin_id = ?", twinId);
        update("DELETE FROM attachment_sent WHERE twin_id = ?", twinId);
        update("UPDATE twin SET state = 'UNSYNCED', last_sync_at = ?, error = NULL WHERE twin_id = ?", Timestamp.from(Instant.now()), twinId);
    }

    public void remove(String twinId) {
        update("DELETE FROM own_baseline WHERE twin_id = ?", twinId);
        update("DELETE FROM sent_change WHERE twin_id = ?", twinId);
        update("DELETE FROM comment_link WHERE twin_id = ?", twinId);
        update("DELETE FROM comment_intent WHERE twin_id = ?", twinId);
        update("DELETE FROM attachment_link WHERE twin_id = ?", twinId);
        update("DELETE FROM attachment_sent WHERE twin_id = ?", twinId);
        update("DELETE FROM parked_replica WHERE twin_id = ?", twinId);
        update("DELETE FROM twin WHERE twin_id = ?", twinId);
    }

    /** A replica parked behind a failure (the INCOMING flow of the sync error store); {@code id} keeps the order per twin. */
    public record ParkedReplica(long id, String twinId, String envelope, String error, int attempts, String direction,
                                Integer line, Instant parkedAt) {
    }

    /** {@code direction} and {@code line} name the failing rules and script line, when the rules failed. */
    public void park(String twinId, String envelope, String error, String direction, Integer line) {
        update("INSERT INTO parked_replica (twin_id, envelope, error, attempts, parked_at, direction, line) VALUES (?, ?, ?, 1, ?, ?, ?)",
                twinId, envelope, bounded(error), Timestamp.from(Instant.now()), direction, line);
    }

    public boolean hasParked(String twinId) {
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM parked_replica WHERE flow = 'INCOMING' AND twin_id = ?")) {
            ps.setString(1, twinId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public List<ParkedReplica> parked() {
        List<ParkedReplica> parked = new ArrayList<>();
        try (Connection c = store.connection();
             PreparedStatement ps = c.prepareStatement("SELECT id, twin_id, envelope, error, attempts, direction, line, parked_at "
                     + "FROM parked_replica WHERE flow = 'INCOMING' ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int line = rs.getInt(7);
                Integer knownLine = rs.wasNull() ? null : line;
                parked.add(new ParkedReplica(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), knownLine, rs.getTimestamp(8).toInstant()));
            }
            return parked;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public void unpark(long id) {
        update("DELETE FROM parked_replica WHERE id = ?", id);
    }

    public void recordParkedFailure(long id, String error, String direction, Integer line) {
        update("UPDATE parked_replica SET attempts = attempts + 1, error = ?, direction = ?, line = ? WHERE id = ?",
                bounded(error), direction, line, id);
    }

    /** Local comment id → the remote comment it mirrors. */
    public Map<String, String> commentLinks(String twinId) {
        Map<String, String> links = new HashMap<>();
        try (Connection c = store.connection();
             PreparedStatement ps = c.prepareStatement("SELECT local_comment_id, remote_comment_id FROM comment_link WHERE twin_id = ?")) {
            ps.setString(1, twinId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    links.put(rs.getString(1), rs.getString(2));
                }
            }
            return links;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public void linkComment(String twinId, String localCommentId, String remoteCommentId) {
        update("INSERT INTO comment_link (twin_id, local_comment_id, remote_comment_id) VALUES (?, ?, ?)", twinId, localCommentId, remoteCommentId);
    }

    /** A mirror of the other side's comment is about to be added: recorded before the tracker call. */
    public void recordCommentIntent(String twinId, String remoteCommentId, String body) {
        update("DELETE FROM comment_intent WHERE twin_id = ? AND remote_comment_id = ?", twinId, remoteCommentId);
        update("INSERT INTO comment_intent (twin_id, remote_comment_id, body) VALUES (?, ?, ?)", twinId, remoteCommentId,
                body == null ? "" : body);
    }

    /** Remote comment id → the text of its mirror, for mirrors an earlier attempt may have added without linking. */
    public Map<String, String> commentIntents(String twinId) {
        Map<String, String> intents = new HashMap<>();
        try (Connection c = store.connection();
             PreparedStatement ps = c.prepareStatement("SELECT remote_comment_id, body FROM comment_intent WHERE twin_id = ?")) {
            ps.setString(1, twinId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    intents.put(rs.getString(1), rs.getString(2));
                }
            }
            return intents;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public void clearCommentIntent(String twinId, String remoteCommentId) {
        update("DELETE FROM comment_intent WHERE twin_id = ? AND remote_comment_id = ?", twinId, remoteCommentId);
    }

    public void unlinkComment(String twinId, String localCommentId) {
        update("DELETE FROM comment_link WHERE twin_id = ? AND local_comment_id = ?", twinId, localCommentId);
    }

    public Optional<String> state(String name) {
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement("SELECT state_value FROM sync_state WHERE state_key = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public void saveState(String name, String value) {
        if (update("UPDATE sync_state SET state_value = ? WHERE state_key = ?", value, name) == 0) {
            update("INSERT INTO sync_state (state_key, state_value) VALUES (?, ?)", name, value);
        }
    }

    // ---- concurrent edits (io.twinline.agent.sync.ConcurrentEdits)

    /** This side's outgoing replica (JSON) as the other side is known to agree with it. */
    public Optional<String> ownBaseline(String twinId) {
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement("SELECT replica FROM own_baseline WHERE twin_id = ?")) {
            ps.setString(1, twinId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public void saveOwnBaseline(String twinId, String replica) {
        if (update("UPDATE own_baseline SET replica = ? WHERE twin_id = ?", replica, twinId) == 0) {
            update("INSERT INTO own_baseline (twin_id, replica) VALUES (?, ?)", twinId, replica);
        }
    }

    /** The fields (comma-separated) a sent version changed; a re-send of the same version replaces them. */
    public void recordSentChange(String twinId, long version, String fields) {
        update("DELETE FROM sent_change WHERE twin_id = ? AND version = ?", twinId, version);
        update("INSERT INTO sent_change (twin_id, version, fields) VALUES (?, ?, ?)", twinId, version, fields);
    }

    /** The changed fields of every version sent after {@code version}, oldest first. */
    public List<String> sentChangesAfter(String twinId, long version) {
        List<String> changes = new ArrayList<>();
        try (Connection c = store.connection();
             PreparedStatement ps = c.prepareStatement("SELECT fields FROM sent_change WHERE twin_id = ? AND version > ? ORDER BY version")) {
            ps.setString(1, twinId);
            ps.setLong(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changes.add(rs.getString(1));
                }
            }
            return changes;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The other side has seen every version up to {@code version}: their changes can no longer be concurrent. */
    public void forgetSentChanges(String twinId, long version) {
        update("DELETE FROM sent_change WHERE twin_id = ? AND version <= ?", twinId, version);
    }

    private Optional<Twin> one(String sql, String arg) {
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static Twin read(ResultSet rs) throws SQLException {
        Timestamp last = rs.getTimestamp(10);
        return new Twin(rs.getString(1), rs.getString(2), rs.getString(3), Twin.State.valueOf(rs.getString(4)), rs.getLong(5),
                rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9), last == null ? null : last.toInstant(), rs.getString(11),
                rs.getString(12));
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("the agent's twin ledger failed: " + e.getMessage(), e);
    }
}
