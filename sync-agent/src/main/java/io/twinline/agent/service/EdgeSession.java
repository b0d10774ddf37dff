package io.twinline.agent.service;

import io.twinline.agent.client.ConnectionEdgeApi;
import io.twinline.agent.repository.Enrollment;
import io.twinline.agent.repository.EnrollmentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * The agent's authenticated session with connection-service: a short-lived token fetched with the stored
 * credentials, renewed before it expires or when refused, and the heartbeat.
 */
@ApplicationScoped
public class EdgeSession {

    private static final Logger LOG = Logger.getLogger(EdgeSession.class);

    /** Why connection-service refuses this agent for good: an operator revoked its credentials. */
    public static final String CREDENTIALS_REVOKED = "CREDENTIALS_REVOKED";

    private final PublicSideClients clients;
    private final EnrollmentRepository enrollments;
    private final String version;
    /** The secret after a rotation; the enrollment records handed around still hold the one they were read with. */
    private volatile String rotatedSecret;

    private volatile String accessToken;
    private volatile io.twinline.core.sync.KafkaAccess kafka;
    private volatile Instant renewAt = Instant.EPOCH;
    private volatile String lastStatus;
    private volatile Instant lastHeartbeat;

    public EdgeSession(PublicSideClients clients, EnrollmentRepository enrollments,
                       @ConfigProperty(name = "quarkus.application.version") String version) {
        this.clients = clients;
        this.enrollments = enrollments;
        this.version = version;
    }

    /** Sends one heartbeat; returns the connection's status as connection-service sees it. */
    public synchronized String heartbeat(Enrollment enrollment) {
        ConnectionEdgeApi.HeartbeatResponse response = authorized(enrollment, (edge, bearer) ->
                edge.heartbeat(enrollment.connectionId(), bearer, new ConnectionEdgeApi.HeartbeatRequest(version)));
        if (!response.status().equals(lastStatus)) {
            LOG.infof("connection '%s' is %s", response.connectionName(), response.status());
        }
        lastStatus = response.status();
        lastHeartbeat = Instant.now();
        if (response.rotateCredentials()) {
            rotateCredentials(enrollment);
        }
        return response.status();
    }

    /**
     * Fetches the next secret over the authenticated edge and stores it before using it: a crash in between leaves the
     * old secret working (connection-service keeps it until the new one is used), so the agent is never locked out.
     */
    private void rotateCredentials(Enrollment enrollment) {
        ConnectionEdgeApi.RotatedSecret next = authorized(enrollment, (edge, bearer) ->
                edge.nextCredentials(enrollment.connectionId(), bearer));
        enrollments.updateSecret(next.agentId(), next.agentSecret());
        rotatedSecret = next.agentSecret();
        renewAt = Instant.EPOCH;
        token(clients.edge(enrollment.connectionApi()), enrollment);
        LOG.infof("the agent's credentials were rotated at the public side's request");
    }

    /** Sends one replica envelope (JSON); returns once connection-service has stored it. */
    public synchronized void sendReplica(Enrollment enrollment, String envelope) {
        try {
            authorized(enrollment, (edge, bearer) -> edge.replica(enrollment.connectionId(), bearer, envelope));
        } catch (WebApplicationException e) {
            throw new IllegalStateException("connection-service refused the replica: " + clients.problemCode(e), e);
        }
    }

    /** Sends the agent's sync report; answers with the connection's status and the commands waiting for this agent. */
    public synchronized io.twinline.core.operations.SyncInstructions syncReport(Enrollment enrollment, io.twinline.core.operations.SyncReport report) {
        return authorized(enrollment, (edge, bearer) -> edge.syncReport(enrollment.connectionId(), bearer, report));
    }

    /**
     * Stores an attachment's bytes in connection-service's store under their SHA-256 (64 hex digits). Not synchronized:
     * a large upload must not hold up heartbeats; at worst two calls fetch a token at the same time.
     */
    public void putAttachment(Enrollment enrollment, String sha256Hex, byte[] content) {
        try {
            authorized(enrollment, (edge, bearer) -> {
                edge.putAttachment(enrollment.connectionId(), sha256Hex, bearer, content);
                return null;
            });
        } catch (WebApplicationException e) {
            throw new IllegalStateException("connection-service refused attachment " + sha256Hex + ": " + clients.problemCode(e), e);
        }
    }

    /** The bytes stored under a SHA-256 (64 hex digits); the caller checks them against the hash. */
    public byte[] attachment(Enrollment enrollment, String sha256Hex) {
        try {
            return authorized(enrollment, (edge, bearer) -> edge.attachment(enrollment.connectionId(), sha256Hex, bearer));
        } catch (WebApplicationException e) {
            throw new IllegalStateException("connection-service did not hand out attachment " + sha256Hex + ": "
                    + clients.problemCode(e), e);
        }
    }

    /** Calls the edge with the current token; a 401 (token expired, key rotated) fetches a new token once. */
    private <T> T authorized(Enrollment enrollment, java.util.function.BiFunction<ConnectionEdgeApi, String, T> call) {
        ConnectionEdgeApi edge = clients.edge(enrollment.connectionApi());
        try {
            return call.apply(edge, "Bearer " + token(edge, enrollment));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() != 401) {
                throw e;
            }
            renewAt = Instant.EPOCH;
            return call.apply(edge, "Bearer " + token(edge, enrollment));
        }
    }

    /**
     * How this agent reaches its to-private topic, as connection-service last said with a token (fetching one when
     * there is none yet): the partner listener, the agent's SCRAM identity and the listener's CA.
     */
    public synchronized io.twinline.core.sync.KafkaAccess kafkaAccess(Enrollment enrollment) {
        if (kafka == null) {
            token(clients.edge(enrollment.connectionApi()), enrollment);
        }
        if (kafka == null) {
            throw new IllegalStateException("connection-service handed out no Kafka access for this agent");
        }
        return kafka;
    }

    public String lastStatus() {
        return lastStatus;
    }

    public Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    private String token(ConnectionEdgeApi edge, Enrollment enrollment) {
        if (accessToken == null || Instant.now().isAfter(renewAt)) {
            ConnectionEdgeApi.AgentToken token;
            try {
                String secret = rotatedSecret != null ? rotatedSecret : enrollment.agentSecret();
                token = edge.token(new ConnectionEdgeApi.TokenRequest(enrollment.agentId(), secret));
            } catch (WebApplicationException e) {
                if (e.getResponse().getStatus() == 401) {
                    String code = clients.problemCode(e);
                    if (CREDENTIALS_REVOKED.equals(code)) {
                        throw new RefusedException(code, "an operator of the public side revoked this agent's credentials; "
                                + "the connection needs a new invitation");
                    }
                    throw new RefusedException(code, "connection-service does not accept this agent's credentials (yet): " + code);
                }
                throw e;
            }
            accessToken = token.accessToken();
            kafka = token.kafka();
            // Renew at two thirds of the lifetime so a token never expires in flight.
            renewAt = Instant.now().plusSeconds(Math.max(1, token.expiresIn() * 2 / 3));
        }
        return accessToken;
    }
}
