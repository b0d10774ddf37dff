package io.twinline.agent.sync;

import io.twinline.core.model.Side;
import io.twinline.core.sync.SyncTopics;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The connection an agent syncs for, and how to reach its Kafka.
 *
 * @param kafka the Kafka client properties (bootstrap, security protocol, SASL, trust store) every client of this
 *              agent starts from
 */
public record SyncTarget(UUID connectionId, String connectionName, Side side, Map<String, Object> kafka) {

    public SyncTarget {
        kafka = Map.copyOf(kafka);
    }

    /** The topic this side consumes: replicas coming to it. */
    public String inboundTopic() {
        return SyncTopics.towards(connectionId, side);
    }

    /** The topic the other side consumes. */
    public String outboundTopic() {
        return SyncTopics.towards(connectionId, side.other());
    }

    public String consumerGroup() {
        return SyncTopics.consumerGroup(connectionId, side);
    }

    /** The connection's Kafka settings plus a client's own. */
    public Map<String, Object> kafkaClient(Map<String, Object> own) {
        Map<String, Object> all = new HashMap<>(kafka);
        all.putAll(own);
        return all;
    }
}
