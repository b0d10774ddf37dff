package io.twinline.connection.service;

import io.smallrye.jwt.build.Jwt;
import io.twinline.connection.config.ConnectionConfig;
import io.twinline.connection.entity.AgentCredential;
import io.twinline.connection.entity.Connection;
import io.twinline.connection.repository.AgentCredentialRepository;
import io.twinline.connection.repository.ConnectionRepository;
import io.twinline.core.digest.Sha256;
import io.twinline.core.sync.KafkaAccess;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Agents authenticate with the credential issued at redemption and get short-lived signed tokens scoped to their
 * connection; every agent call is checked against that scope.
 */
@ApplicationScoped
public class AgentAuthService {

    public static final String AGENT_ROLE = "agent";
    public static final String CONNECTION_CLAIM = "cid";

    private final AgentCredentialRepository credentials;
    private final ConnectionRepository connections;
    private final ConnectionConfig config;
    private final PartnerKafkaAccess kafka;

    public AgentAuthService(AgentCredentialRepository credentials, ConnectionRepository connections, ConnectionConfig config,
                            PartnerKafkaAccess kafka) {
        this.credentials = credentials;
        this.connections = connections;
        this.config = config;
        this.kafka = kafka;
    }

    /**
     * The access token, and how the agent reaches its topic on Kafka (the partner listener, its SCRAM identity and the
     * listener's CA): only ever over this authenticated HTTPS answer, never in the invitation code.
     */
    public record AgentToken(String accessToken, String tokenType, long expiresIn, UUID connectionId, KafkaAccess kafka) {
    }

    public AgentToken issueToken(String agentId, String agentSecret) {
        AgentCredential credential = credentials.findByIdOptional(agentId)
                .filter(c -> Sha256.sameHex(c.secretHash, Sha256.hex(agentSecret)))
                .orElseThrow(() -> new ProblemException(Response.Status.UNAUTHORIZED, "INVALID_CREDENTIALS",
                        "unknown agent or wrong secret (a connection becomes usable a moment after its invitation is redeemed)"));
        String token = Jwt.issuer(config.agentTokens().issuer())
                .subject(credential.agentId)
                .groups(Set.of(AGENT_ROLE))
                .claim(CONNECTION_CLAIM, credential.connectionId.toString())
                .expiresIn(config.agentTokens().lifetime())
                .sign();
        return new AgentToken(token, "Bearer", config.agentTokens().lifetime().toSeconds(), credential.connectionId,
                kafka.accessFor(credential.agentId));
    }

    /**
     * The connection an agent's token speaks for, if it is {@code connectionId}: another connection's token gets 403,
     * a token whose credential was revoked (connection deleted) gets 401.
     */
    public void authorize(JsonWebToken token, UUID connectionId) {
        String claimed = token.getClaim(CONNECTION_CLAIM);
        if (claimed == null || !claimed.equals(connectionId.toString())) {
            throw new ProblemException(Response.Status.FORBIDDEN, "WRONG_CONNECTION",
                    "these credentials belong to another connection");
        }
        if (!credentials.isValid(token.getSubject(), connectionId)) {
            throw new ProblemException(Response.Status.UNAUTHORIZED, "CREDENTIALS_REVOKED",
                    "the credentials of this agent were revoked");
        }
    }

    /** Records the agent's heartbeat and answers with the connection as the agent should see it. */
    @Transactional
    public Connection heartbeat(JsonWebToken token, UUID connectionId, String agentVersion) {
        authorize(token, connectionId);
        connections.recordAgentSeen(connectionId, Instant.now(), agentVersion == null || agentVersion.isBlank() ? null : agentVersion);
        Connection connection = connections.findByIdOptional(connectionId)
                .orElseThrow(() -> ProblemException.notFound("connection " + connectionId));
        connections.getEntityManager().refresh(connection);
        return connection;
    }
}
