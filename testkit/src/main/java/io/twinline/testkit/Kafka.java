package io.twinline.testkit;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real single-node Kafka (KRaft, combined broker and controller) started inside the test JVM. */
public final class Kafka implements AutoCloseable {

    // Held strongly: java.util.logging keeps only weak references to configured loggers.
    private static final java.util.List<java.util.logging.Logger> QUIET = java.util.stream.Stream
            .of("org.apache.kafka", "kafka", "state.change.logger")
            .map(java.util.logging.Logger::getLogger).toList();

    private final KafkaClusterTestKit cluster;

    private Kafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Starts the broker; its INFO chatter is turned down to warnings, which is what a test log needs. */
    public static Kafka start() {
        QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.WARNING));
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new Kafka(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka", e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
