package io.twinline.agent.sync;

import io.twinline.core.model.Side;

import java.util.UUID;

/** The connection an agent syncs for, and how to reach its Kafka. */
public record SyncTarget(UUID connectionId, String connectionName, Side side, String kafkaBootstrap, String topicPrefix) {

    /** The topic this side consumes: replicas coming to it. */
    public String inboundTopic() {
        return prefix() + (side == Side.PRIVATE ? "to-private" : "to-public");
    }

    /** The topic the other side consumes. */
    public String outboundTopic() {
        return prefix() + (side == Side.PRIVATE ? "to-public" : "to-private");
    }

    public String consumerGroup() {
        return "twinline-agent-" + connectionId + "-" + side.name().toLowerCase();
    }

    private String prefix() {
        return topicPrefix + connectionId + ".";
    }
}
