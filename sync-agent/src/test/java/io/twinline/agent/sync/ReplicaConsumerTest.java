package io.twinline.agent.sync;

import io.twinline.core.model.Side;
import io.twinline.core.replica.ReplicaEnvelope;
import io.twinline.testkit.KafkaBroker;
import io.twinline.testkit.KafkaTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent's replica consumer against a real Kafka: it never skips a record, parks what it cannot apply or read. */
class ReplicaConsumerTest {

    private static KafkaBroker kafka;
    private final List<Runnable> toStop = new ArrayList<>();

    @BeforeAll
    static void startKafka() {
        kafka = KafkaTestResource.startBroker();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @AfterEach
    void stopConsumers() {
        toStop.forEach(Runnable::run);
    }

    /** Records what it was handed; {@code failure} decides, per replica, whether this attempt throws. */
    private static final class RecordingSink implements ReplicaSink {
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final Set<String> applied = ConcurrentHashMap.newKeySet();
        final Set<String> parked = ConcurrentHashMap.newKeySet();
        final Map<String, String> unreadable = new ConcurrentHashMap<>();
        volatile Consumer<ReplicaEnvelope> failure = e -> { };

        @Override
        public void onReplica(ReplicaEnvelope envelope) {
            attempts.computeIfAbsent(id(envelope), k -> new AtomicInteger()).incrementAndGet();
            failure.accept(envelope);
            applied.add(id(envelope));
        }

        @Override
        public void park(ReplicaEnvelope envelope, RuntimeException failure) {
            parked.add(id(envelope));
        }

        @Override
        public void parkUnreadable(String twinId, String record, RuntimeException failure) {
            unreadable.put(twinId, record);
        }

        static String id(ReplicaEnvelope envelope) {
            return envelope.twinId() + "/" + envelope.version();
        }
    }

    private SyncTarget target(int partitions) throws Exception {
        SyncTarget target = new SyncTarget(UUID.randomUUID(), "test", Side.PRIVATE, Map.of("bootstrap.servers", kafka.internalBootstrap()));
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(target.inboundTopic(), partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return target;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.internalBootstrap()));
    }

    /** Produces one ACK per twin and version (twins spread over the partitions by key); returns their ids. */
    private static List<String> produce(SyncTarget target, int twins, int versions) {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int v = 1; v <= versions; v++) {
                for (int t = 0; t < twins; t++) {
                    ReplicaEnvelope envelope = ReplicaEnvelope.signal(target.connectionId().toString(), "twin-" + t, Side.PUBLIC,
                            "FD-" + t, v, ReplicaEnvelope.Kind.ACK);
                    producer.send(new ProducerRecord<>(target.inboundTopic(), envelope.partitionKey(), envelope.toJson()));
                    ids.add(RecordingSink.id(envelope));
                }
            }
            producer.flush();
        }
        return ids;
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.internalBootstrap()), new StringSerializer(), new StringSerializer());
    }

    private ConsumerSupervisor consume(SyncTarget target, ReplicaSink sink) {
        ConsumerSupervisor supervisor = new ConsumerSupervisor(() -> new ReplicaConsumer(sink, target, () -> true, new ReplicaAdmission(target, new SimpleMeterRegistry())));
        supervisor.start();
        toStop.add(supervisor::stop);
        return supervisor;
    }

    /** Waits until the group's committed offsets reach the end of every partition of the topic. */
    private static void awaitAllCommitted(SyncTarget target) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Admin admin = admin()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(target.consumerGroup())
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(target.inboundTopic())).allTopicNames().get().get(target.inboundTopic()).partitions()
                        .forEach(p -> latest.put(new TopicPartition(target.inboundTopic(), p.partition()), OffsetSpec.latest()));
                Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                Map<TopicPartition, Long> done = committed.entrySet().stream().filter(e -> e.getValue() != null)
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
                ends.values().removeIf(offset -> offset == 0);
                assertThat(done).containsAllEntriesOf(ends);
            }
        });
    }

    @Test
    void aFailureOnOnePartitionSkipsNothingOnTheOthers() throws Exception {
        SyncTarget target = target(3);
        List<String> produced = produce(target, 9, 3);
        RecordingSink sink = new RecordingSink();
        // The very first replica handed over fails once: the rest of its batch, on every partition, must still come.
        AtomicInteger failed = new AtomicInteger();
        sink.failure = e -> {
            if (failed.getAndIncrement() == 0) {
                throw new IllegalStateException("tracker answered 503");
            }
        };
        consume(target, sink);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sink.applied).containsExactlyInAnyOrderElementsOf(produced));
        awaitAllCommitted(target);
        assertThat(sink.parked).isEmpty();
    }

    @Test
    void aReplicaThatKeepsFailingIsParkedAndItsPartitionGoesOn() throws Exception {
        SyncTarget target = target(1);
        List<String> produced = produce(target, 3, 2);
        RecordingSink sink = new RecordingSink();
        sink.failure = e -> {
            if (e.twinId().equals("twin-1") && e.version() == 1) {
                throw new IllegalStateException("refused by the tracker");
            }
        };
        consume(target, sink);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sink.parked).containsExactly("twin-1/1"));
        List<String> others = new ArrayList<>(produced);
        others.remove("twin-1/1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sink.applied).containsExactlyInAnyOrderElementsOf(others));
        assertThat(sink.attempts.get("twin-1/1").get()).isEqualTo(ReplicaConsumer.PARK_AFTER);
        awaitAllCommitted(target);
    }

    @Test
    void aRecordItCannotReadIsParkedUnderItsTwinNotDropped() throws Exception {
        SyncTarget target = target(1);
        String newer = "{\"connectionId\":\"" + target.connectionId() + "\",\"twinId\":\"twin-new\",\"origin\":\"PUBLIC\",\"version\":1,"
                + "\"kind\":\"UPSERT\",\"body\":{\"formatVersion\":99,\"summary\":\"from the future\"}}";
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(target.inboundTopic(), "twin-garbled", "{not json"));
            producer.send(new ProducerRecord<>(target.inboundTopic(), "twin-new", newer));
            producer.flush();
        }
        List<String> after = produce(target, 2, 1);
        RecordingSink sink = new RecordingSink();
        consume(target, sink);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sink.applied).containsExactlyInAnyOrderElementsOf(after));
        assertThat(sink.unreadable).containsEntry("twin-garbled", "{not json").containsEntry("twin-new", newer);
        awaitAllCommitted(target);
    }

    @Test
    void aConsumerLoopThatDiesIsRestartedAndNotRunningMeanwhile() throws Exception {
        SyncTarget target = target(1);
        List<String> produced = produce(target, 2, 1);
        RecordingSink sink = new RecordingSink();
        AtomicInteger errors = new AtomicInteger();
        sink.failure = e -> {
            if (errors.getAndIncrement() == 0) {
                throw new AssertionError("an Error escapes the loop"); // not a RuntimeException: nothing inside catches it
            }
        };
        CountDownLatch restartMayGoOn = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        ConsumerSupervisor supervisor = new ConsumerSupervisor(() -> {
            if (started.incrementAndGet() == 2) {
                try {
                    restartMayGoOn.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new ReplicaConsumer(sink, target, () -> true, new ReplicaAdmission(target, new SimpleMeterRegistry()));
        });
        supervisor.start();
        toStop.add(supervisor::stop);

        await().atMost(Duration.ofSeconds(30)).until(() -> started.get() == 2);
        assertThat(supervisor.running()).isFalse(); // the first loop died, the second is not running yet
        restartMayGoOn.countDown();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sink.applied).containsExactlyInAnyOrderElementsOf(produced));
        assertThat(supervisor.running()).isTrue();
        awaitAllCommitted(target);
        assertThat(Collections.unmodifiableSet(sink.parked)).isEmpty();
    }
}
