package io.twinline.connection.service;

import io.twinline.connection.entity.Connection;
import io.twinline.connection.messaging.ReplicaPublisher;
import io.twinline.connection.repository.ConnectionRepository;
import io.twinline.core.model.Side;
import io.twinline.core.replica.EnvelopeLimits;
import io.twinline.core.replica.ReplicaEnvelope;
import io.twinline.core.replica.ReplicaFormatException;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import io.twinline.connection.security.AgentPrincipal;
import org.jboss.logging.Logger;

import java.util.UUID;

/** Replicas from the private agent: checked, then handed to Kafka for the public agent. */
@ApplicationScoped
public class ReplicaEdgeService {

    private static final Logger LOG = Logger.getLogger(ReplicaEdgeService.class);

    private final AgentAuthService auth;
    private final ConnectionRepository connections;
    private final ReplicaPublisher publisher;

    public ReplicaEdgeService(AgentAuthService auth, ConnectionRepository connections, ReplicaPublisher publisher) {
        this.auth = auth;
        this.connections = connections;
        this.publisher = publisher;
    }

    public ReplicaEnvelope accept(AgentPrincipal token, UUID connectionId, String body) {
        auth.authorize(token, connectionId);
        Connection connection = connections.findByIdOptional(connectionId)
                .orElseThrow(() -> ProblemException.notFound("connection " + connectionId));
        EnvelopeLimits.size(body).ifPresent(ReplicaEdgeService::refuse);
        ReplicaEnvelope envelope;
        try {
            envelope = ReplicaEnvelope.fromJson(body); // kinds, versions, format version, content hash
        } catch (ReplicaFormatException | IllegalArgumentException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "MALFORMED_REPLICA", e.getMessage());
        }
        EnvelopeLimits.ids(envelope).ifPresent(ReplicaEdgeService::refuse);
        if (!connectionId.toString().equals(envelope.connectionId())) {
            throw ProblemException.invalidField("connectionId", "the replica is for another connection");
        }
        if (envelope.origin() != Side.PRIVATE) {
            throw ProblemException.invalidField("origin", "the private agent sends replicas of origin PRIVATE");
        }
        // A DEACTIVATED connection still takes replicas: they wait on the topic until it is activated again.
        try {
            publisher.publishToPublic(connection.id, envelope);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (Exception e) {
            throw unavailable(e);
        }
        LOG.debugf("replica %s v%d of twin %s accepted for connection %s", envelope.kind(), envelope.version(),
                envelope.twinId(), connectionId);
        return envelope;
    }

    private static void refuse(EnvelopeLimits.Violation violation) {
        throw ProblemException.invalidField(violation.field(), violation.reason());
    }

    private static ProblemException unavailable(Exception e) {
        LOG.warnf("replica not handed to Kafka: %s", e.toString());
        return new ProblemException(Response.Status.SERVICE_UNAVAILABLE, "BROKER_UNAVAILABLE",
                "the replica could not be stored; send it again");
    }
}
