package io.twinline.agent.sync;

import io.twinline.agent.repository.AgentStore;
import io.twinline.agent.repository.AttachmentLedger;
import io.twinline.agent.repository.OutgoingFailureLedger;
import io.twinline.agent.repository.TwinLedger;
import io.twinline.connectors.jira.JiraConfig;
import io.twinline.connectors.jira.JiraConnector;
import io.twinline.core.model.Side;
import io.twinline.core.model.Ticket;
import io.twinline.core.replica.Replica;
import io.twinline.core.replica.ReplicaEnvelope;
import io.twinline.core.rules.ConnectionInfo;
import io.twinline.core.rules.Direction;
import io.twinline.core.rules.RulesEngine;
import io.twinline.core.rules.RulesMode;
import io.twinline.core.tracker.TrackerConnector;
import io.twinline.simulator.TrackerSimulator;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Jira side's engine against the Jira simulator over HTTP and its ledger on the embedded database: the transport is
 * the only stand-in (it records what is sent, and can fail the way a lost answer does).
 */
class SyncEngineTest {

    private static TrackerSimulator simulator;
    private TrackerConnector jira;
    private TwinLedger ledger;
    private OutgoingFailureLedger failures;
    private final List<ReplicaEnvelope> sent = new ArrayList<>();
    private volatile RuntimeException sendFailure;
    private Path outgoingRules;
    private SyncEngine engine;
    private SyncTarget target;

    @BeforeAll
    static void startSimulator() {
        simulator = new TrackerSimulator().start(0);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.stop();
    }

    @BeforeEach
    void engine() throws Exception {
        simulator.reset();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("db/agent").load().migrate();
        AgentStore store = new AgentStore(h2);
        ledger = new TwinLedger(store);
        failures = new OutgoingFailureLedger(store);
        jira = new JiraConnector(JiraConfig.token(simulator.baseUrl(), "demo-token").pollScope("project = TEST")
                .defaultProject("TEST").build());
        RulesEngine rules = new RulesEngine();
        outgoingRules = Files.createTempFile("outgoing", ".groovy");
        Files.writeString(outgoingRules, io.twinline.core.rules.DefaultRules.text("jira", Direction.OUTGOING));
        ReplicaTransport transport = envelope -> {
            sent.add(envelope); // Kafka may well have it …
            if (sendFailure != null) {
                throw sendFailure; // … but the answer was lost
            }
        };
        target = new SyncTarget(UUID.randomUUID(), "test", Side.PRIVATE, java.util.Map.of("bootstrap.servers", "unused:9092"));
        engine = new SyncEngine(target, jira, ledger, rules,
                new SideRules(rules, Direction.OUTGOING, Optional.of(outgoingRules), "jira"),
                new SideRules(rules, Direction.INCOMING, Optional.empty(), "jira"),
                new ConnectionInfo("test", "partner", "acme", Side.PRIVATE, RulesMode.SCRIPT, Map.of("projectKey", "TEST")),
                transport, CrashPoints.none(), new AttachmentSync(jira, new AttachmentLedger(store), ledger, null),
                new OutgoingErrors(failures, ledger, Duration.ofSeconds(30)));
    }

    @AfterEach
    void close() throws Exception {
        jira.close();
        Files.deleteIfExists(outgoingRules);
    }

    private String createIssue(String summary) {
        Ticket t = new Ticket();
        t.setSummary(summary);
        t.setProjectKey("TEST");
        t.setType(io.twinline.core.model.IssueType.named("Task"));
        return jira.create(t, null).getKey();
    }

    private void changeSummary(String key, String summary) {
        jira.update(key, new io.twinline.core.tracker.TicketUpdate().summary(summary));
    }

    @Test
    void aSendWhoseOutcomeIsUnknownNeverLetsTheNextReuseItsVersion() {
        String key = createIssue("Printer on fire");
        sendFailure = new IllegalStateException("Kafka did not answer in time");
        engine.onLocalChange(key, true); // v1 reached Kafka, the answer did not
        sendFailure = null;
        changeSummary(key, "Printer on fire, really");
        engine.onLocalChange(key, false);

        assertThat(sent).extracting(ReplicaEnvelope::version).containsExactly(1L, 2L);
        assertThat(sent.get(0).contentHash()).isNotEqualTo(sent.get(1).contentHash());
        assertThat(failures.all()).isEmpty(); // the later send went out: the twin's error is gone
    }

    @Test
    void aTicketWhoseOutgoingRulesFailIsASyncErrorAndTheNextTicketIsSent() throws Exception {
        Files.writeString(outgoingRules, "if (issue.summary.contains('poison')) {\n  throw new com.exalate.api.exception.IssueTrackerException('refused')\n}\n"
                + io.twinline.core.rules.DefaultRules.text("jira", Direction.OUTGOING));
        String poisoned = createIssue("poison pill");
        String healthy = createIssue("healthy");

        engine.onLocalChange(poisoned, true); // does not throw: the caller goes on with the next ticket
        engine.onLocalChange(healthy, true);

        assertThat(sent).singleElement().satisfies(e -> assertThat(e.localKey()).isEqualTo(healthy));
        assertThat(failures.all()).singleElement().satisfies(f -> {
            assertThat(f.localKey()).isEqualTo(poisoned);
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.error()).contains("refused");
        });
        String twinId = failures.all().get(0).twinId();

        Files.writeString(outgoingRules, io.twinline.core.rules.DefaultRules.text("jira", Direction.OUTGOING));
        Files.setLastModifiedTime(outgoingRules, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(5)));
        assertThat(engine.retryOutgoing(twinId)).isEqualTo(1);
        assertThat(sent).extracting(ReplicaEnvelope::localKey).containsExactly(healthy, poisoned);
        assertThat(failures.all()).isEmpty();
    }

    @Test
    void anEqualVersionWithOtherContentIsAnErrorNotADuplicate() {
        String twinId = UUID.randomUUID().toString();
        ReplicaEnvelope v1 = upsert(twinId, 1, "Printer on fire");
        engine.onReplica(v1);
        String key = ledger.byTwinId(twinId).orElseThrow().localKey();

        engine.onReplica(v1); // redelivered: skipped
        assertThatThrownBy(() -> engine.onReplica(upsert(twinId, 1, "Printer on fire, reused version")))
                .isInstanceOf(ReusedVersionException.class).hasMessageContaining("reused a version");
        assertThat(jira.get(key).getSummary()).isEqualTo("Printer on fire");

        engine.onReplica(upsert(twinId, 2, "Printer on fire, v2"));
        assertThat(jira.get(key).getSummary()).isEqualTo("Printer on fire, v2");
    }

    private ReplicaEnvelope upsert(String twinId, long version, String summary) {
        Replica body = new Replica();
        body.setSummary(summary);
        body.setKey("77");
        return ReplicaEnvelope.upsert(target.connectionId().toString(), twinId, Side.PUBLIC, "77", version, body);
    }
}
