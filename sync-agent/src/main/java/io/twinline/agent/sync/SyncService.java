package io.twinline.agent.sync;

import io.quarkus.runtime.ShutdownEvent;
import io.twinline.agent.config.AgentConfig;
import io.twinline.agent.repository.Enrollment;
import io.twinline.agent.repository.TwinLedger;
import io.twinline.agent.service.EdgeSession;
import io.twinline.core.model.Side;
import io.twinline.core.rules.ConnectionInfo;
import io.twinline.core.rules.Direction;
import io.twinline.core.rules.RulesEngine;
import io.twinline.core.rules.RulesMode;
import io.twinline.core.tracker.TrackerConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Starts the data plane once the agent knows its connection: the tracker poller and the replica consumer. */
@ApplicationScoped
public class SyncService {

    private static final Logger LOG = Logger.getLogger(SyncService.class);

    private final AgentConfig config;
    private final TwinLedger ledger;
    private final EdgeSession session;
    private final io.twinline.agent.service.PublicSideClients clients;
    private final io.twinline.agent.repository.AttachmentLedger attachmentLedger;
    private final io.twinline.agent.repository.OutgoingFailureLedger outgoingFailures;
    private final RulesEngine rules = new RulesEngine();
    private ScheduledExecutorService poller;
    private ConsumerSupervisor consumer;
    private TrackerConnector tracker;
    private ReplicaTransport transport;
    private volatile SyncEngine engine;
    private volatile AgentControl control;
    private ScheduledExecutorService reporter;
    private volatile boolean firstPollDone;

    private final io.twinline.agent.config.AgentKafkaSettings kafka;
    private final io.micrometer.core.instrument.MeterRegistry metrics;

    public SyncService(AgentConfig config, TwinLedger ledger, EdgeSession session,
                       io.twinline.agent.service.PublicSideClients clients,
                       io.twinline.agent.repository.AttachmentLedger attachmentLedger,
                       io.twinline.agent.repository.OutgoingFailureLedger outgoingFailures,
                       io.twinline.agent.config.AgentKafkaSettings kafka, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.kafka = kafka;
        this.metrics = metrics;
        this.attachmentLedger = attachmentLedger;
        this.outgoingFailures = outgoingFailures;
        this.clients = clients;
        this.config = config;
        this.ledger = ledger;
        this.session = session;
    }

    public boolean enabled() {
        return config.tracker().url().isPresent();
    }

    /**
     * True when the agent syncs nothing, or once it has read its tracker's changes for the first time while its replica
     * consumer runs.
     */
    public boolean ready() {
        return !enabled() || (firstPollDone && consumerRunning());
    }

    /** Whether the replica consumer's loop runs now (false while it is being restarted after a failure). */
    public boolean consumerRunning() {
        ConsumerSupervisor current = consumer;
        return current != null && current.running();
    }

    /** The private side: the enrollment names the connection, and replicas go out over HTTPS. */
    public synchronized void startPrivate(Enrollment enrollment) {
        if (engine != null || !enabled()) {
            return;
        }
        // The partner listener, this agent's SCRAM identity and the listener's CA, from connection-service with the token.
        Map<String, Object> client = kafka.over(session.kafkaAccess(enrollment).clientProperties());
        start(new SyncTarget(enrollment.connectionId(), enrollment.connectionName(), Side.PRIVATE, client),
                enrollment.initiatorName(), () -> new EdgeReplicaTransport(session, enrollment),
                Optional.of(report -> session.syncReport(enrollment, report)),
                () -> new EdgeAttachmentStore(session, enrollment));
    }

    /** The public side: configured, inside the public network, producing straight to Kafka. */
    public synchronized void startPublic() {
        Map<String, Object> client = kafka.over(Map.of("bootstrap.servers", config.kafkaBootstrap().orElseThrow(() ->
                new IllegalStateException("a PUBLIC agent needs twinline.agent.kafka-bootstrap"))));
        SyncTarget target = new SyncTarget(config.connectionId().orElseThrow(() -> new IllegalStateException(
                "a PUBLIC agent needs twinline.agent.connection-id")), "", Side.PUBLIC, client);
        Optional<ControlChannel> control = publicApi().map(api -> report -> clients.internal(api).syncReport(target.connectionId(), report));
        if (control.isEmpty()) {
            LOG.warn("no twinline.agent.sync.connection-service: this public agent takes no operators' commands, triggers "
                    + "or attachments from connection-service and applies replicas whatever the connection's status");
        }
        // Inside the public network the agent has no agent credentials: it uses connection-service's internal store API.
        start(target, "partner", () -> new KafkaReplicaTransport(target), control,
                () -> publicApi().map(api -> new InternalAttachmentStore(clients, api, target.connectionId())).orElse(null));
    }

    private Optional<String> publicApi() {
        return config.sync().connectionService().or(() -> config.sync().rulesApi());
    }

    private void start(SyncTarget target, String remoteName, Supplier<ReplicaTransport> replicaTransport,
                       Optional<ControlChannel> controlChannel, Supplier<AttachmentStore> attachmentStore) {
        if (engine != null || !enabled()) {
            return;
        }
        tracker = TrackerFactory.create(config);
        transport = replicaTransport.get();
        Map<String, String> settings = new HashMap<>();
        config.tracker().project().ifPresent(p -> settings.put("projectKey", p));
        ConnectionInfo info = new ConnectionInfo(target.connectionName(), config.shortName(), remoteName, target.side(),
                RulesMode.SCRIPT, settings);
        engine = new SyncEngine(target, tracker, ledger, rules,
                sideRules(target, Direction.OUTGOING, config.sync().outgoingRules()),
                sideRules(target, Direction.INCOMING, config.sync().incomingRules()),
                info, transport, crashPoints(), new AttachmentSync(tracker, attachmentLedger, ledger, attachmentStore.get()),
                new OutgoingErrors(outgoingFailures, ledger, config.sync().retryInterval()));

        RemoteRequests remote = new RemoteRequests(target.side(), config.sync().acceptFromPublic());
        control = controlChannel.map(channel -> new AgentControl(engine, ledger, outgoingFailures, channel, remote)).orElse(null);
        if (control != null) {
            AgentControl reporting = control;
            reporter = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "twinline-reports"));
            reporter.scheduleWithFixedDelay(() -> {
                try {
                    reporting.exchangeOnce();
                } catch (RuntimeException e) {
                    LOG.warnf("sync report not delivered (sent again next time): %s", e.getMessage());
                }
            }, 0, config.sync().reportInterval().toMillis(), TimeUnit.MILLISECONDS);
        }

        SyncEngine consuming = engine;
        ReplicaAdmission admission = new ReplicaAdmission(target, metrics);
        consumer = new ConsumerSupervisor(() -> new ReplicaConsumer(consuming, target, this::applying, admission));
        consumer.start();

        ChangePoller changes = new ChangePoller(engine, ledger, this::triggers);
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "twinline-poller"));
        poller.scheduleWithFixedDelay(() -> {
            try {
                changes.pollOnce();
                firstPollDone = true;
            } catch (RuntimeException e) {
                LOG.errorf("polling %s failed: %s", config.trackerType(), e.getMessage());
            }
        }, 0, config.tracker().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        SyncEngine retrying = engine;
        poller.scheduleWithFixedDelay(() -> {
            try {
                retrying.retryOutgoing(); // each failed ticket when its back-off is over
            } catch (RuntimeException e) {
                LOG.errorf("retrying failed sends failed: %s", e.getMessage());
            }
            if (!applying()) {
                return;
            }
            try {
                retrying.retryParked();
            } catch (RuntimeException e) {
                LOG.errorf("retrying parked replicas failed: %s", e.getMessage());
            }
        }, config.sync().retryInterval().toMillis(), config.sync().retryInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("syncing %s tickets as the %s side of connection %s", config.trackerType(), target.side(), target.connectionId());
    }

    /**
     * A tracker webhook named a changed ticket: handle it now on the poller's thread instead of at the next poll.
     * Polling stays the safety net for webhooks that never come.
     */
    public boolean onTicketChanged(String ticketKey) {
        SyncEngine current = engine;
        if (current == null || poller == null) {
            return false;
        }
        poller.execute(() -> {
            try {
                boolean underSync = current.isUnderSync(ticketKey);
                boolean triggered = !underSync && triggers().stream()
                        .anyMatch(trigger -> current.tracker().search(trigger).stream().anyMatch(t -> ticketKey.equals(t.getKey())));
                current.onLocalChange(ticketKey, triggered);
            } catch (RuntimeException e) {
                LOG.errorf("webhook for ticket %s not handled (polling will pick it up): %s", ticketKey, e.getMessage());
            }
        });
        return true;
    }

    /**
     * Replicas are applied while the connection is ACTIVE, as connection-service last said; an agent without a
     * control channel (a public agent not given connection-service's URL) always applies.
     */
    private boolean applying() {
        AgentControl current = control;
        return current == null || current.applying();
    }

    /** This side's triggers: those in its configuration and, on the public side, those kept over REST. */
    private List<String> triggers() {
        List<String> all = new java.util.ArrayList<>(config.sync().triggers().orElse(List.of()));
        AgentControl current = control;
        if (current != null) {
            current.triggers().stream().filter(t -> !all.contains(t)).forEach(all::add);
        }
        return all;
    }

    private SideRules sideRules(SyncTarget target, Direction direction, Optional<java.nio.file.Path> file) {
        if (target.side() == Side.PUBLIC && publicApi().isPresent()) {
            String api = publicApi().get();
            String name = direction.name().toLowerCase(java.util.Locale.ROOT);
            return new SideRules(rules, direction, file, config.trackerType(),
                    () -> clients.rules(api).current(target.connectionId(), name).script(), config.sync().rulesRefresh());
        }
        return new SideRules(rules, direction, file, config.trackerType());
    }

    private CrashPoints crashPoints() {
        Runnable halt = () -> Runtime.getRuntime().halt(137);
        if (config.faultInjection().filter("halt-after-create"::equals).isPresent()) {
            LOG.warn("fault injection on: the agent halts right after its first tracker create");
            return new CrashPoints(halt, () -> { });
        }
        if (config.faultInjection().filter("halt-after-comment"::equals).isPresent()) {
            LOG.warn("fault injection on: the agent halts right after its first mirrored comment is added");
            return new CrashPoints(() -> { }, halt);
        }
        return CrashPoints.none();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
        }
        if (reporter != null) {
            reporter.shutdownNow();
        }
        if (control != null) {
            control.stop();
        }
        if (consumer != null) {
            consumer.stop();
        }
        if (transport != null) {
            transport.close();
        }
        if (tracker != null) {
            tracker.close();
        }
    }
}
