package io.twinline.agent.sync;

import io.twinline.core.replica.ReplicaEnvelope;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes the replicas coming to this side, as an outbound Kafka client. A record's offset is committed only after it
 * was applied or parked, so nothing accepted is lost; a partition whose record fails is wound back to that record (the
 * batch's other partitions go on), and the record is tried again after a back-off, parked after a few attempts.
 */
final class ReplicaConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(ReplicaConsumer.class);
    /** Attempts before a replica is parked (kept in the ledger, retried there) so its partition can go on. */
    static final int PARK_AFTER = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ReplicaSink engine;
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final java.util.function.BooleanSupplier applying;
    /** Failed attempts of the record a partition is stuck on (cleared once it is applied or parked). */
    private final Map<TopicPartition, Attempts> attempts = new HashMap<>();
    private final ReplicaAdmission admission;
    private volatile boolean running = true;
    private volatile boolean consuming;
    private Duration backoff = FIRST_BACKOFF;

    private record Attempts(long offset, int count) {
    }

    ReplicaConsumer(ReplicaSink engine, SyncTarget target, java.util.function.BooleanSupplier applying, ReplicaAdmission admission) {
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

    /** True while the consume loop runs (readiness: an agent whose loop died is not ready). */
    boolean consuming() {
        return consuming;
    }

    /** Runs until {@link #stop()}; anything else that ends the loop is thrown, for the supervisor to restart it. */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            consuming = true;
            LOG.infof("consuming replicas from %s", topic);
            while (running) {
                // Not applying (the connection is deactivated): the partitions are paused, so records wait on the
                // topic in order, while polling goes on to keep this consumer in its group.
                if (!applying.getAsBoolean()) {
                    consumer.pause(consumer.assignment());
                    // A partition assigned during this poll is not paused yet and may return records: wind each back to
                    // its first record, so nothing is skipped when applying resumes.
                    ConsumerRecords<String, String> handed = consumer.poll(Duration.ofMillis(500));
                    for (TopicPartition partition : handed.partitions()) {
                        consumer.seek(partition, handed.records(partition).get(0).offset());
                    }
                    continue;
                }
                if (!consumer.paused().isEmpty()) {
                    consumer.resume(consumer.paused());
                }
                if (!applyBatch(consumer.poll(Duration.ofMillis(500)))) {
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consuming = false;
            consumer.close();
        }
    }

    /**
     * Applies a batch partition by partition, in order within each. A partition whose record fails is wound back to that
     * record and the rest of it in this batch left for the next poll; the other partitions go on. Returns false when any
     * record failed.
     */
    private boolean applyBatch(ConsumerRecords<String, String> batch) {
        boolean allApplied = true;
        for (TopicPartition partition : batch.partitions()) {
            for (ConsumerRecord<String, String> record : batch.records(partition)) {
                Attempts before = attempts.get(partition);
                int attempt = (before != null && before.offset() == record.offset() ? before.count() : 0) + 1;
                try {
                    apply(record, attempt >= PARK_AFTER);
                    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                    attempts.remove(partition);
                } catch (RuntimeException e) {
                    attempts.put(partition, new Attempts(record.offset(), attempt));
                    LOG.errorf("replica at %s@%d not applied (attempt %d), retrying in %d ms: %s", partition, record.offset(),
                            attempt, backoff.toMillis(), e.getMessage());
                    consumer.seek(partition, record.offset());
                    allApplied = false;
                    break;
                }
            }
        }
        if (allApplied) {
            backoff = FIRST_BACKOFF;
        }
        return allApplied;
    }

    /** Applies a replica; on its last attempt a failure parks it instead of being thrown. A record not readable is parked. */
    private void apply(ConsumerRecord<String, String> record, boolean lastAttempt) {
        ReplicaEnvelope envelope;
        try {
            envelope = ReplicaEnvelope.fromJson(record.value());
        } catch (RuntimeException e) {
            String twinId = record.key() == null || record.key().isBlank() ? "unknown" : record.key();
            LOG.errorf("replica at %s-%d@%d cannot be read; parked as twin %s: %s", record.topic(), record.partition(),
                    record.offset(), twinId, e.getMessage());
            engine.parkUnreadable(twinId, record.value() == null ? "" : record.value(), e);
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
