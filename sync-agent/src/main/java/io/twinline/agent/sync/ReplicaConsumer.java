package io.twinline.agent.sync;

import io.twinline.core.replica.ReplicaEnvelope;
import io.twinline.core.replica.ReplicaFormatException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Consumes the replicas coming to this side, as an outbound Kafka client. Offsets are committed only after a replica
 * was applied, so nothing accepted is lost; a replica that cannot be applied yet is retried from the same offset.
 */
final class ReplicaConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(ReplicaConsumer.class);
    /** Attempts before a replica is parked (kept in the ledger, retried there) so its partition can go on. */
    private static final int PARK_AFTER = 3;

    private final SyncEngine engine;
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final java.util.function.BooleanSupplier applying;
    private final ReplicaAdmission admission;
    private volatile boolean running = true;

    ReplicaConsumer(SyncEngine engine, SyncTarget target, java.util.function.BooleanSupplier applying, ReplicaAdmission admission) {
        this.engine = engine;
        this.applying = applying;
        this.admission = admission;
        this.topic = target.inboundTopic();
        this.consumer = new KafkaConsumer<>(target.kafkaClient(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, target.consumerGroup(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50)),
                new StringDeserializer(), new StringDeserializer());
    }

    @Override
    public void run() {
        Duration backoff = Duration.ofMillis(500);
        int attempts = 0;
        try {
            consumer.subscribe(List.of(topic));
            LOG.infof("consuming replicas from %s", topic);
            while (running) {
                // Not applying (the connection is deactivated): the partitions are paused, so records wait on the
                // topic in order, while polling goes on to keep this consumer in its group.
                if (!applying.getAsBoolean()) {
                    consumer.pause(consumer.assignment());
                    // A partition assigned during this poll is not paused yet and may return records: wind each back to
                    // its first record, so nothing is skipped when applying resumes.
                    Map<TopicPartition, Long> first = new java.util.HashMap<>();
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                        first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
                    }
                    first.forEach(consumer::seek);
                    continue;
                }
                if (!consumer.paused().isEmpty()) {
                    consumer.resume(consumer.paused());
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    try {
                        apply(record.value(), ++attempts >= PARK_AFTER);
                        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                        backoff = Duration.ofMillis(500);
                        attempts = 0;
                    } catch (RuntimeException e) {
                        LOG.errorf("replica at %s@%d not applied, retrying in %d ms: %s", partition, record.offset(),
                                backoff.toMillis(), e.getMessage());
                        consumer.seek(partition, record.offset());
                        sleep(backoff);
                        backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            consumer.close();
        }
    }

    /** Applies a replica; on its last attempt a failure parks it instead of being thrown. */
    private void apply(String value, boolean lastAttempt) {
        ReplicaEnvelope envelope;
        try {
            envelope = ReplicaEnvelope.fromJson(value);
        } catch (ReplicaFormatException | IllegalArgumentException e) {
            LOG.errorf("unreadable replica skipped: %s", e.getMessage());
            return;
        }
        if (!admission.admits(envelope)) {
            return;
        }
        try {
            engine.onReplica(envelope);
        } catch (RuntimeException e) {
            if (!lastAttempt) {
                throw e;
            }
            engine.park(envelope, e);
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
