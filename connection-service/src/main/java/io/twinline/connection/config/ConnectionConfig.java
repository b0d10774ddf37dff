package io.twinline.connection.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "twinline.connection")
public interface ConnectionConfig {

    AgentTokens agentTokens();

    PartnerKafka partnerKafka();

    Rules rules();

    Attachments attachments();

    /** invitation-service's service credential, sent on its /internal calls (read by {@code InvitationClient}). */
    Optional<String> invitationServiceToken();

    /** The attachment store the agents pass attachment bytes through. */
    interface Attachments {
        /**
         * Largest attachment accepted (Freshdesk's own limit is 20 MB). Keep {@code quarkus.http.limits.max-body-size}
         * above it, or the HTTP layer refuses a larger upload before it can be answered as problem+json.
         */
        @WithDefault("20M")
        MemorySize maxSize();
    }

    /** The public side's sync rules, as edited and test-run over REST. */
    interface Rules {
        /** Time bound of one test run; a script still running then fails with a timeout. */
        @WithDefault("3s")
        Duration runTimeout();

        /** Longest rules text accepted, in characters. */
        @WithDefault("100000")
        int maxLength();
    }

    /**
     * How partners' agents reach Kafka, and what connection-service sets up there per connection: the two replica
     * topics (names in {@code io.twinline.core.sync.SyncTopics}), and one SCRAM identity per connection's agent with
     * ACLs on its own to-private topic and consumer group only.
     */
    interface PartnerKafka {
        /** The partner listener (TLS + SASL/SCRAM) handed to private agents with their access token. */
        String bootstrap();

        @WithDefault("SASL_SSL")
        String securityProtocol();

        @WithDefault("SCRAM-SHA-512")
        String saslMechanism();

        /** The CA certificate(s) of the partner listener (PEM file), handed to agents; absent = the JVM's trust store. */
        Optional<Path> caFile();

        /**
         * The key (base64url, at least 256 bits) each agent's SCRAM password is derived from with HMAC-SHA256, so that no
         * database holds a password; changing it changes every password (agents pick the new one up with their next token).
         */
        String passwordKey();

        /** SCRAM iterations of the stored credential. */
        @WithDefault("8192")
        int scramIterations();

        /** Partitions of each replica topic, created when the connection is accepted. */
        @WithDefault("3")
        int topicPartitions();

        @WithDefault("1")
        short topicReplicationFactor();
    }

    interface AgentTokens {
        /** Issuer of agent access tokens; verification expects the same value. */
        @WithDefault("twinline-connection-service")
        String issuer();

        /** How long an agent access token is valid; agents fetch a new one with their credentials. */
        @WithDefault("5m")
        Duration lifetime();

        /** The key new tokens are signed with (HS256, base64url, at least 256 bits); its key id is derived from it. */
        String signingKey();

        /**
         * Keys tokens are still verified with after a rotation (base64url, comma-separated): keep the old key here for
         * at least one token lifetime, then remove it.
         */
        Optional<List<String>> previousKeys();
    }
}
