package io.twinline.connection.entity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * The public side's registry of a connection's twins. Each agent reports its own side (key, state, last sync); an
 * operator's request (sync now, unsync) is kept until the agent reports it done.
 */
@Entity
@Table(name = "twin")
public class TwinRecord extends PanacheEntityBase {

    /** What an operator asked for this twin and is not yet done. */
    public enum Request { SYNC, UNSYNC }

    @Id
    @Column(name = "twin_id")
    public String twinId;

    @Column(name = "connection_id", nullable = false)
    public UUID connectionId;

    @Column(name = "public_key")
    public String publicKey;

    @Column(name = "private_key")
    public String privateKey;

    @Column(name = "public_state")
    public String publicState;

    @Column(name = "private_state")
    public String privateState;

    @Column(name = "public_synced_at")
    public Instant publicSyncedAt;

    @Column(name = "private_synced_at")
    public Instant privateSyncedAt;

    @Enumerated(EnumType.STRING)
    public Request requested;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(length = 2000)
    public String error;

    /**
     * REQUESTED (asked, the public agent has not taken it yet), SYNCING (known on the public side, not yet created or
     * reported on the private side), SYNCED, UNSYNCING (asked to stop, or only one side has stopped), UNSYNCED (both
     * sides stopped; both tickets stay), FAILED (the public agent could not bring the ticket under sync: see error).
     */
    public String state() {
        boolean publicStopped = "UNSYNCED".equals(publicState);
        boolean privateStopped = "UNSYNCED".equals(privateState);
        if (error != null && requested == null && publicState == null) {
            return "FAILED";
        }
        if (publicStopped && (privateStopped || privateState == null)) {
            return "UNSYNCED";
        }
        if (requested == Request.UNSYNC || publicStopped || privateStopped) {
            return "UNSYNCING";
        }
        if (publicState == null) {
            return "REQUESTED";
        }
        if (privateKey == null || !"ACTIVE".equals(privateState)) {
            return "SYNCING";
        }
        return "SYNCED";
    }
}
