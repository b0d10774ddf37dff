package io.twinline.connection.service;

import io.twinline.connection.config.ConnectionConfig;
import io.twinline.connection.entity.AgentReport;
import io.twinline.connection.entity.Connection;
import io.twinline.connection.messaging.TopicLag;
import io.twinline.connection.repository.AgentReportRepository;
import io.twinline.connection.repository.SyncErrorRepository;
import io.twinline.core.model.Side;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The sync queue of a connection, per direction: events on their way that the receiving agent has not applied yet
 * (its consumer group's lag on the direction's topic), replicas it parked, and whether it is applying (not while the
 * connection is deactivated).
 */
@ApplicationScoped
public class SyncQueueService {

    private static final Logger LOG = Logger.getLogger(SyncQueueService.class);

    private final ConnectionService connections;
    private final SyncErrorRepository errors;
    private final AgentReportRepository reports;
    private final TopicLag lag;
    private final ConnectionConfig config;

    public SyncQueueService(ConnectionService connections, SyncErrorRepository errors, AgentReportRepository reports,
                            TopicLag lag, ConnectionConfig config) {
        this.connections = connections;
        this.errors = errors;
        this.reports = reports;
        this.lag = lag;
        this.config = config;
    }

    /**
     * One direction, named by the side that receives it: {@code unsent} counts the sender's tickets whose send failed
     * (sync errors with direction outgoing), {@code parked} the replicas the receiver could not apply.
     */
    public record Direction(String topic, long pending, long parked, long unsent, Boolean receiverApplying,
                            Instant receiverReportedAt) {
    }

    public record Queue(UUID connectionId, String status, Direction toPrivate, Direction toPublic) {
    }

    public Queue queue(UUID connectionId) {
        Connection connection = connections.get(connectionId);
        return new Queue(connectionId, connection.status.name(), direction(connectionId, Side.PRIVATE),
                direction(connectionId, Side.PUBLIC));
    }

    private Direction direction(UUID connectionId, Side receiver) {
        String topic = io.twinline.core.sync.SyncTopics.towards(connectionId, receiver);
        String group = io.twinline.core.sync.SyncTopics.consumerGroup(connectionId, receiver);
        long pending;
        try {
            pending = lag.pending(topic, group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (Exception e) {
            throw unavailable(e);
        }
        Optional<AgentReport> report = reports.of(connectionId, receiver);
        return new Direction(topic, pending, errors.countParked(connectionId, receiver), errors.countUnsent(connectionId, receiver.other()),
                report.map(r -> r.applying).orElse(null), report.map(r -> r.reportedAt).orElse(null));
    }

    private static ProblemException unavailable(Exception e) {
        LOG.warn("queue not read from Kafka", e);
        return new ProblemException(Response.Status.SERVICE_UNAVAILABLE, "BROKER_UNAVAILABLE", "the sync queue could not be read; try again");
    }
}
