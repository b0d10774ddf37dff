package io.twinline.core.sync;

import io.twinline.core.model.Side;

import java.util.Locale;
import java.util.UUID;

/**
 * The Kafka names of one connection's data plane, the contract between the agents, connection-service and the
 * per-connection ACLs: {@code twinline.sync.<connectionId>.to-private} / {@code .to-public}, and the consumer group
 * {@code twinline-agent-<connectionId>-<side>} in which each side's agent reads the topic coming to it.
 *
 * <p>Not settings on purpose: the partner's identity is granted exactly these names (LITERAL ACLs), so every party must
 * derive them the same way.
 */
public final class SyncTopics {

    public static final String TOPIC_PREFIX = "twinline.sync.";
    public static final String GROUP_PREFIX = "twinline-agent-";

    private SyncTopics() {
    }

    /** The topic replicas travel on towards {@code receiver}. */
    public static String towards(UUID connectionId, Side receiver) {
        return TOPIC_PREFIX + connectionId + (receiver == Side.PRIVATE ? ".to-private" : ".to-public");
    }

    public static String toPrivate(UUID connectionId) {
        return towards(connectionId, Side.PRIVATE);
    }

    public static String toPublic(UUID connectionId) {
        return towards(connectionId, Side.PUBLIC);
    }

    /** The consumer group of {@code side}'s agent, reading {@link #towards(UUID, Side) towards(connectionId, side)}. */
    public static String consumerGroup(UUID connectionId, Side side) {
        return GROUP_PREFIX + connectionId + "-" + side.name().toLowerCase(Locale.ROOT);
    }
}
