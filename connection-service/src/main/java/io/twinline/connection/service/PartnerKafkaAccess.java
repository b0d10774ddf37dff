package io.twinline.connection.service;

import io.twinline.connection.config.ConnectionConfig;
import io.twinline.connection.messaging.PartnerKafkaAdmin;
import io.twinline.core.sync.KafkaAccess;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Each connection's private agent has its own Kafka identity: username = its agent id, password = HMAC-SHA256 of the
 * username under {@code twinline.connection.partner-kafka.password-key}. The password is derived whenever it is needed
 * (set up at acceptance, handed to the agent with every access token) and stored nowhere: the broker keeps only SCRAM's
 * salted form, connection-service only the agent secret's hash.
 */
@ApplicationScoped
public class PartnerKafkaAccess {

    private static final String CONTEXT = "twinline kafka scram password\n";

    private final PartnerKafkaAdmin admin;
    private final ConnectionConfig.PartnerKafka config;
    private final byte[] key;
    private final String caPem;

    public PartnerKafkaAccess(PartnerKafkaAdmin admin, ConnectionConfig config) {
        this.admin = admin;
        this.config = config.partnerKafka();
        this.key = Base64.getUrlDecoder().decode(this.config.passwordKey().strip());
        if (key.length < 32) {
            throw new IllegalStateException("twinline.connection.partner-kafka.password-key must hold at least 256 bits (base64url)");
        }
        this.caPem = this.config.caFile().map(file -> {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the partner listener's CA " + file, e);
            }
        }).orElse(null);
    }

    /** At acceptance: the connection's topics, then its agent's identity and ACLs. */
    public void provision(UUID connectionId, String agentId) {
        admin.createTopics(connectionId);
        admin.grant(connectionId, agentId, password(agentId));
    }

    /** At deletion: the agents' identities and ACLs, then the topics. */
    public void withdraw(UUID connectionId, List<String> agentIds) {
        agentIds.forEach(admin::revoke);
        admin.deleteTopics(connectionId);
    }

    /** At revocation of an agent's credentials: its identity and ACLs, the connection's topics stay. */
    public void revokeIdentity(String agentId) {
        admin.revoke(agentId);
    }

    /** What the agent needs to consume its topic, sent to it over its authenticated edge. */
    public KafkaAccess accessFor(String agentId) {
        return new KafkaAccess(config.bootstrap(), config.securityProtocol(), config.saslMechanism(), agentId, password(agentId), caPem);
    }

    String password(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal((CONTEXT + username).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
