package io.twinline.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.twinline.core.model.Side;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ConfigMapping(prefix = "twinline.agent")
public interface AgentConfig {

    /** The invitation code, needed only on the first start: the agent redeems it once and keeps its credentials. */
    Optional<String> invitation();

    /** How this side is named to the other side (the connection's destination once accepted). */
    @WithDefault("partner")
    String shortName();

    /** The tracker this agent talks to: FRESHDESK or JIRA. */
    @WithDefault("JIRA")
    String trackerType();

    /** Where the agent keeps its state: {@code embedded} (an H2 file in the state directory) or {@code postgresql}. */
    @WithDefault("embedded")
    String store();

    /** Where the agent keeps its state (its embedded database lives there). */
    String stateDir();

    /** How often the agent tells connection-service it is alive. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /** Upper bound of the back-off between attempts when the public side cannot be reached. */
    @WithDefault("30s")
    Duration maxRetryDelay();

    /** Timeout of one HTTPS call to the public side. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** The side this agent runs on. A PRIVATE agent enrolls with an invitation; a PUBLIC one is configured. */
    @WithDefault("PRIVATE")
    Side side();

    /** PUBLIC side only: the connection this agent serves (the private side learns it from its invitation). */
    Optional<UUID> connectionId();

    /**
     * PUBLIC side only: the public side's internal Kafka listener (a private agent learns the partner listener, its
     * identity and the CA from connection-service with its token). Further client properties: {@code twinline.agent.kafka.*}.
     */
    Optional<String> kafkaBootstrap();

    /** The tracker instance; without a URL the agent syncs nothing (it only keeps its connection alive). */
    Tracker tracker();

    Sync sync();

    /**
     * Crash tests only: {@code halt-after-create} stops the JVM at once (as {@code kill -9} would) right after a ticket
     * was created in the tracker and before the ledger recorded it, the moment the twin marker exists for.
     */
    Optional<String> faultInjection();

    interface Tracker {
        Optional<String> url();

        /** Freshdesk API key. */
        Optional<String> apiKey();

        /** Jira personal access token (Bearer); or username and password for basic auth. */
        Optional<String> token();

        Optional<String> username();

        Optional<String> password();

        /** Jira: the project new issues go to and polling looks at. */
        Optional<String> project();

        /** How often the tracker is asked for changes. */
        @WithDefault("3s")
        Duration pollInterval();
    }

    interface Sync {
        /** Queries in the tracker's own language; matching tickets come under sync when created or updated. */
        Optional<List<String>> triggers();

        /**
         * PUBLIC side: connection-service's URL inside the public network; the agent then runs the public side's rules
         * as operators edit them there ({@code PUT /api/v1/connections/{id}/rules/{direction}}), re-read every
         * {@code rules-refresh}. Rules files, when given, take precedence.
         */
        Optional<String> rulesApi();

        /**
         * PUBLIC side: connection-service's URL inside the public network, for the public side's rules, triggers and
         * the operators' commands (sync now, unsync, retry, bulk sync), the agent's sync reports and the attachment
         * store (the private side learns connection-service's public URL from its invitation). Defaults to
         * {@code rules-api}, its earlier name.
         */
        Optional<String> connectionService();

        /**
         * PUBLIC side: connection-service's service credential, sent on its {@code /internal} calls (rules, sync
         * reports, attachment store). Without it those calls are refused with 401.
         */
        Optional<String> serviceToken();

        /**
         * How often the agent reports its twins, errors and progress to connection-service and picks up the
         * connection's status and the operators' commands (the latency of "sync now" and of deactivation).
         */
        @WithDefault("1s")
        Duration reportInterval();

        @WithDefault("5s")
        Duration rulesRefresh();

        /** This side's outgoing rules (Groovy); the default rules for the tracker when absent. */
        Optional<Path> outgoingRules();

        /** This side's incoming rules (Groovy); the default rules for the tracker when absent. */
        Optional<Path> incomingRules();

        /**
         * Which of the public side's requests this agent carries out in its tracker: {@code TRIGGERS}, {@code SYNC},
         * {@code BULK_SYNC} (comma-separated, or {@code NONE}). Default: all on a PUBLIC agent, none on a PRIVATE one.
         */
        Optional<List<String>> acceptFromPublic();

        /**
         * The per-connection webhook secret (at least 16 characters). PUBLIC Freshdesk side: a Freshdesk automation
         * rule sends it to {@code POST /webhooks/freshdesk}. Jira side (either side, usually the private one): a Jira DC
         * webhook sends it to {@code POST /webhooks/jira?secret=…} from inside the partner's network. Without it the
         * endpoints answer 404 and polling alone finds changes.
         */
        Optional<String> webhookSecret();

        /** How often parked replicas (those that failed to apply) are tried again. */
        @WithDefault("30s")
        Duration retryInterval();
    }
}
