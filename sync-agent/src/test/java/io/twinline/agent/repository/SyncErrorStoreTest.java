package io.twinline.agent.repository;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent's ledger on its real embedded database, migrated as the agent migrates it. */
class SyncErrorStoreTest {

    private TwinLedger ledger;
    private OutgoingFailureLedger outgoing;

    /** A new, empty database of the kind under test (the embedded H2 here; PostgreSQL in the subclass). */
    protected javax.sql.DataSource freshDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("agent");
        return h2;
    }

    @BeforeEach
    void freshStore() {
        javax.sql.DataSource db = freshDatabase();
        Flyway.configure().dataSource(db).locations("db/agent").load().migrate();
        AgentStore store = new AgentStore(db);
        ledger = new TwinLedger(store);
        outgoing = new OutgoingFailureLedger(store);
    }

    @Test
    void aReplicaWithAnOverLongTwinIdIsParkedWholeAndListed() {
        String twinId = "t".repeat(5000);
        String envelope = "{\"twinId\":\"" + twinId + "\",\"body\":\"" + "x".repeat(100_000) + "\"}";
        ledger.park(twinId, envelope, "the twin id does not fit a twin", "incoming", null);

        assertThat(ledger.parked()).singleElement().satisfies(p -> {
            assertThat(p.twinId()).isEqualTo(twinId);
            assertThat(p.envelope()).isEqualTo(envelope);
            assertThat(p.direction()).isEqualTo("incoming");
        });
        assertThat(ledger.hasParked(twinId)).isTrue();
        assertThat(outgoing.all()).isEmpty();
    }

    @Test
    void aFailedSendIsOneErrorPerTwinWithGrowingBackOffUntilItIsSent() {
        ledger.startOutgoing("twin-1", "42");
        Instant before = Instant.now();
        outgoing.recordFailure("twin-1", "42", "outgoing rules failed at line 2: no", 2, Duration.ofSeconds(30), Duration.ofMinutes(10));
        Instant firstNext = outgoing.all().get(0).nextAttemptAt();
        outgoing.recordFailure("twin-1", "42", "outgoing rules failed at line 2: still no", 2, Duration.ofSeconds(30), Duration.ofMinutes(10));

        assertThat(outgoing.all()).singleElement().satisfies(f -> {
            assertThat(f.attempts()).isEqualTo(2);
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.error()).contains("still no");
            assertThat(f.nextAttemptAt()).isAfter(firstNext);
        });
        assertThat(firstNext).isAfterOrEqualTo(before.plusSeconds(30));
        assertThat(outgoing.due(Instant.now())).isEmpty();
        assertThat(outgoing.due(Instant.now().plus(Duration.ofMinutes(2)))).hasSize(1);
        assertThat(ledger.parked()).isEmpty(); // not a parked replica: the incoming flow does not wait behind it
        assertThat(ledger.hasParked("twin-1")).isFalse();

        outgoing.clear("twin-1");
        assertThat(outgoing.all()).isEmpty();
    }

    @Test
    void aReservedVersionIsNeverReused() {
        ledger.startOutgoing("twin-2", "43");
        ledger.reserveVersion("twin-2", 1); // the send of v1 then failed, or its outcome is unknown
        assertThat(ledger.byTwinId("twin-2").orElseThrow().lastSentVersion()).isEqualTo(1);
        ledger.reserveVersion("twin-2", 1);
        assertThat(ledger.byTwinId("twin-2").orElseThrow().lastSentVersion()).isEqualTo(1);
    }

    @Test
    void anApplyIsOneUnitOfWork() {
        ledger.recordCreateIntent("twin-3", "FD-1");
        ledger.recordCreated("twin-3", "TEST-1");
        ledger.recordApplied("twin-3", 1, "FD-1", "{}", "echo-1", "hash-1");

        assertThatThrownBy(() -> ledger.inUnitOfWork(() -> {
            ledger.recordApplied("twin-3", 2, "FD-1", "{\"summary\":\"new\"}", "echo-2", "hash-2");
            ledger.saveOwnBaseline("twin-3", "{\"summary\":\"new\"}");
            throw new IllegalStateException("the process died here");
        })).hasMessageContaining("died");

        Twin twin = ledger.byTwinId("twin-3").orElseThrow();
        assertThat(twin.lastAppliedVersion()).isEqualTo(1);
        assertThat(twin.lastAppliedHash()).isEqualTo("hash-1");
        assertThat(ledger.ownBaseline("twin-3")).isEmpty();

        ledger.inUnitOfWork(() -> {
            ledger.recordApplied("twin-3", 2, "FD-1", "{\"summary\":\"new\"}", "echo-2", "hash-2");
            ledger.saveOwnBaseline("twin-3", "{\"summary\":\"new\"}");
        });
        assertThat(ledger.byTwinId("twin-3").orElseThrow().lastAppliedVersion()).isEqualTo(2);
        assertThat(ledger.ownBaseline("twin-3")).contains("{\"summary\":\"new\"}");
    }

    @Test
    void aCommentIntentIsKeptUntilCleared() {
        ledger.recordCommentIntent("twin-4", "c-9", "Hello from the other side");
        assertThat(ledger.commentIntents("twin-4")).containsEntry("c-9", "Hello from the other side");
        ledger.clearCommentIntent("twin-4", "c-9");
        assertThat(ledger.commentIntents("twin-4")).isEmpty();
    }
}
