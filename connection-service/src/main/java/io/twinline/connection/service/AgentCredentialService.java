package io.twinline.connection.service;

import io.twinline.connection.entity.AgentCredential;
import io.twinline.connection.entity.AuditAction;
import io.twinline.connection.entity.Connection;
import io.twinline.connection.repository.AgentCredentialRepository;
import io.twinline.connection.repository.ConnectionRepository;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Operators rotate or revoke a connection's agent credentials. A rotation is picked up by the agent over its
 * authenticated edge (its heartbeat says so, it fetches the next secret); a revocation stops the agent for good.
 */
@ApplicationScoped
public class AgentCredentialService {

    private static final Logger LOG = Logger.getLogger(AgentCredentialService.class);

    private final ConnectionRepository connections;
    private final AgentCredentialRepository credentials;
    private final AuditService audit;
    private final PartnerKafkaAccess kafka;

    public AgentCredentialService(ConnectionRepository connections, AgentCredentialRepository credentials, AuditService audit,
                                  PartnerKafkaAccess kafka) {
        this.connections = connections;
        this.credentials = credentials;
        this.audit = audit;
        this.kafka = kafka;
    }

    @Transactional
    public Connection rotate(UUID connectionId) {
        Connection connection = connection(connectionId);
        for (AgentCredential credential : usable(connection)) {
            credential.rotationRequestedAt = Instant.now();
            credential.nextSecretHash = null;
        }
        connection.credentialsRotationRequestedAt = Instant.now();
        audit.record(AuditAction.AGENT_CREDENTIALS_ROTATED, connectionId, null, null);
        LOG.infof("connection %s: rotation of the agent's credentials requested", connectionId);
        return connection;
    }

    @Transactional
    public Connection revoke(UUID connectionId) {
        Connection connection = connection(connectionId);
        Instant now = Instant.now();
        for (AgentCredential credential : usable(connection)) {
            credential.revokedAt = now;
            credential.nextSecretHash = null;
            // A revoked agent keeps no Kafka identity either: its SCRAM user and ACLs go now (the topics stay with the
            // connection); an open Kafka session ends at its next re-authentication.
            kafka.revokeIdentity(credential.agentId);
        }
        connection.credentialsRevokedAt = now;
        connection.credentialsRotationRequestedAt = null;
        audit.record(AuditAction.AGENT_CREDENTIALS_REVOKED, connectionId, null, null);
        LOG.infof("connection %s: the agent's credentials were revoked", connectionId);
        return connection;
    }

    private Connection connection(UUID connectionId) {
        return connections.findByIdOptional(connectionId)
                .orElseThrow(() -> ProblemException.notFound("connection " + connectionId));
    }

    private List<AgentCredential> usable(Connection connection) {
        if (connection.credentialsRevokedAt != null) {
            throw ProblemException.conflict("CREDENTIALS_REVOKED", "the agent's credentials of connection " + connection.id
                    + " were revoked at " + connection.credentialsRevokedAt);
        }
        List<AgentCredential> found = credentials.ofConnection(connection.id);
        if (found.isEmpty()) {
            throw ProblemException.conflict("NO_AGENT", "connection " + connection.id + " is " + connection.status
                    + ": no agent holds credentials for it yet");
        }
        return found;
    }
}
