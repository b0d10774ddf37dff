package io.twinline.connection.service;

import io.twinline.connection.config.ConnectionConfig;
import io.twinline.connection.entity.AgentCredential;
import io.twinline.connection.entity.Connection;
import io.twinline.connection.repository.AgentCredentialRepository;
import io.twinline.connection.repository.ConnectionRepository;
import io.twinline.connection.security.AgentPrincipal;
import io.twinline.connection.security.AgentTokenKeys;
import io.twinline.connection.security.Roles;
import io.twinline.core.digest.Sha256;
import io.twinline.core.invitation.InvitationCode;
import io.twinline.core.sync.KafkaAccess;
import io.twinline.support.attempts.FailedAttempts;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.UUID;

/**
 * Agents authenticate with the credential issued at redemption and get short-lived signed tokens scoped to their
 * connection; every agent call is checked against that scope. Repeated wrong secrets (from one address or for one
 * agent) are made to wait and refused with 429.
 */
@ApplicationScoped
public class AgentAuthService {

    public static final String AGENT_ROLE = Roles.AGENT;

    private final AgentCredentialRepository credentials;
    private final ConnectionRepository connections;
    private final ConnectionConfig config;
    private final AgentTokenKeys keys;
    private final FailedAttempts attempts;
    private final PartnerKafkaAccess kafka;

    public AgentAuthService(AgentCredentialRepository credentials, ConnectionRepository connections, ConnectionConfig config,
                            AgentTokenKeys keys, FailedAttempts attempts, PartnerKafkaAccess kafka) {
        this.credentials = credentials;
        this.connections = connections;
        this.config = config;
        this.keys = keys;
        this.attempts = attempts;
        this.kafka = kafka;
    }

    /**
     * The access token, and how the agent reaches its topic on Kafka (the partner listener, its SCRAM identity and the
     * listener's CA): only ever over this authenticated HTTPS answer, never in the invitation code.
     */
    public record AgentToken(String accessToken, String tokenType, long expiresIn, UUID connectionId, KafkaAccess kafka) {
    }

    @Transactional(dontRollbackOn = ProblemException.class)
    public AgentToken issueToken(String address, String agentId, String agentSecret) {
        String fromAddress = "agent-token-from:" + address;
        String forAgent = "agent-token-for:" + agentId;
        attempts.check(fromAddress, forAgent);
        String presented = Sha256.hex(agentSecret);
        AgentCredential credential = credentials.findByIdOptional(agentId).orElse(null);
        boolean current = credential != null && Sha256.sameHex(credential.secretHash, presented);
        boolean next = credential != null && Sha256.sameHex(credential.nextSecretHash, presented);
        if (!current && !next) {
            attempts.failed(fromAddress, forAgent);
            throw new ProblemException(Response.Status.UNAUTHORIZED, "INVALID_CREDENTIALS",
                    "unknown agent or wrong secret (a connection becomes usable a moment after its invitation is redeemed)");
        }
        attempts.succeeded(fromAddress, forAgent);
        if (credential.revokedAt != null) {
            throw new ProblemException(Response.Status.UNAUTHORIZED, "CREDENTIALS_REVOKED",
                    "an operator of the public side revoked this agent's credentials at " + credential.revokedAt
                            + "; the connection needs a new invitation");
        }
        if (next) {
            // The agent stored the rotated secret: from now on only that one is valid.
            credential.secretHash = credential.nextSecretHash;
            credential.nextSecretHash = null;
            credential.rotationRequestedAt = null;
            credential.issuedAt = Instant.now();
            connections.findByIdOptional(credential.connectionId).ifPresent(c -> c.credentialsRotationRequestedAt = null);
        }
        return new AgentToken(keys.sign(credential.agentId, credential.connectionId), "Bearer",
                config.agentTokens().lifetime().toSeconds(), credential.connectionId,
                kafka.accessFor(credential.agentId));
    }

    /**
     * The connection an agent's token speaks for, if it is {@code connectionId}: another connection's token gets 403,
     * a token whose credential was revoked (or whose connection was deleted) gets 401.
     */
    public void authorize(AgentPrincipal agent, UUID connectionId) {
        if (!connectionId.equals(agent.connectionId())) {
            throw new ProblemException(Response.Status.FORBIDDEN, "WRONG_CONNECTION",
                    "these credentials belong to another connection");
        }
        if (!credentials.isValid(agent.agentId(), connectionId)) {
            throw new ProblemException(Response.Status.UNAUTHORIZED, "CREDENTIALS_REVOKED",
                    "the credentials of this agent were revoked");
        }
    }

    /** What a heartbeat answers: the connection, and whether the agent should fetch new credentials. */
    public record Heartbeat(Connection connection, boolean rotateCredentials) {
    }

    /** Records the agent's heartbeat and answers with the connection as the agent should see it. */
    @Transactional
    public Heartbeat heartbeat(AgentPrincipal agent, UUID connectionId, String agentVersion) {
        authorize(agent, connectionId);
        connections.recordAgentSeen(connectionId, Instant.now(), agentVersion == null || agentVersion.isBlank() ? null : agentVersion);
        Connection connection = connections.findByIdOptional(connectionId)
                .orElseThrow(() -> ProblemException.notFound("connection " + connectionId));
        connections.getEntityManager().refresh(connection);
        boolean rotate = credentials.findByIdOptional(agent.agentId()).map(c -> c.rotationRequestedAt != null).orElse(false);
        return new Heartbeat(connection, rotate);
    }

    /** New credentials for an agent asked to rotate: the secret is shown once; it becomes the only one when first used. */
    public record RotatedSecret(String agentId, String agentSecret) {
    }

    @Transactional
    public RotatedSecret nextSecret(AgentPrincipal agent, UUID connectionId) {
        authorize(agent, connectionId);
        AgentCredential credential = credentials.findById(agent.agentId());
        if (credential.rotationRequestedAt == null) {
            throw ProblemException.conflict("NO_ROTATION", "no rotation of this agent's credentials was asked for");
        }
        String secret = InvitationCode.newSecret();
        credential.nextSecretHash = Sha256.hex(secret);
        return new RotatedSecret(credential.agentId, secret);
    }
}
