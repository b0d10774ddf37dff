package io.twinline.connection.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "twinline.connection")
public interface ConnectionConfig {

    AgentTokens agentTokens();

    SyncTopics syncTopics();

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

    /** Replica topics: {@code <prefix><connectionId>.to-private} and {@code <prefix><connectionId>.to-public}. */
    interface SyncTopics {
        @WithDefault("twinline.sync.")
        String prefix();

        /**
         * Agents consume their direction's topic in the group {@code <consumer-group-prefix><connectionId>-<side>}
         * (side in lower case); the sync queue is that group's lag.
         */
        @WithDefault("twinline-agent-")
        String consumerGroupPrefix();
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
