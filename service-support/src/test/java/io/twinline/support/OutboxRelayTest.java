package io.twinline.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.twinline.support.outbox.Outbox;
import io.twinline.support.outbox.OutboxEvent;
import io.twinline.testkit.KafkaTestResource;
import io.twinline.testkit.PostgresTestResource;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.twinline.support.Causes.causes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The outbox against a real PostgreSQL and a real Kafka: what commits is published, in order, once marked. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class OutboxRelayTest {

    private static final String TOPIC = "twinline.support-test-events";

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaConsumer<String, String> consumer;

    @BeforeEach
    void subscribe() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(TOPIC));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    @Test
    void eventsCommittedWithTheirChangeArePublishedInOrderWithTheirKeyAndMarked() {
        String key = "conn-" + UUID.randomUUID();
        // Ids ascending as PostgreSQL orders them: the relay breaks ties of equal timestamps (same microsecond) by id.
        List<UUID> ids = java.util.stream.Stream.generate(UUID::randomUUID).limit(3)
                .sorted(java.util.Comparator.comparing(UUID::toString)).toList();
        UUID first = ids.get(0);
        UUID second = ids.get(1);
        UUID third = ids.get(2);
        QuarkusTransaction.requiringNew().run(() -> {
            TestEffect.of(UUID.randomUUID(), "change").persist();
            outbox.enqueue(first, key, "FIRST", Map.of("n", 1));
            outbox.enqueue(second, key, "SECOND", Map.of("n", 2));
        });
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(third, key, "THIRD", Map.of("n", 3)));

        List<ConsumerRecord<String, String>> mine = recordsWithKey(key, 3);
        assertThat(mine).extracting(ConsumerRecord::value).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(QuarkusTransaction.requiringNew()
                .call(() -> List.of(first, second, third).stream()
                        .map(id -> OutboxEvent.<OutboxEvent>findById(id).publishedAt).toList()))
                .doesNotContainNull());
    }

    @Test
    void anEventOfARolledBackTransactionIsNeverPublished() {
        String key = "rolled-back-" + UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(lost, key, "LOST", Map.of("n", 0));
            throw new IllegalStateException("the change failed");
        })).satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof IllegalStateException));
        // A later event of the same key is published; the rolled-back one was never stored, so it cannot come first.
        UUID kept = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(kept, key, "KEPT", Map.of("n", 1)));

        assertThat(recordsWithKey(key, 1)).extracting(ConsumerRecord::value).containsExactly("{\"n\":1}");
        OutboxEvent stored = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.findById(lost));
        assertThat(stored).isNull();
    }

    @Test
    void enqueueingOutsideATransactionIsRefused() {
        // The outbox only makes sense inside the change's transaction: without one the event could outlive a failed change.
        assertThatThrownBy(() -> outbox.enqueue(UUID.randomUUID(), "k", "ALONE", Map.of()))
                .isInstanceOf(TransactionalException.class);
    }

    @Test
    void anEventThatCannotBeWrittenAsJsonFailsTheChange() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            TestEffect.of(id, "change").persist();
            outbox.enqueue(UUID.randomUUID(), "k", "BROKEN", new Object());
        })).satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof com.fasterxml.jackson.databind.exc.InvalidDefinitionException));
        TestEffect effect = QuarkusTransaction.requiringNew().call(() -> TestEffect.findById(id));
        assertThat(effect).isNull();
    }

    /** Waits for {@code count} records with the key (other tests' records are skipped), in the order Kafka gave them. */
    private List<ConsumerRecord<String, String>> recordsWithKey(String key, int count) {
        List<ConsumerRecord<String, String>> mine = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (key.equals(r.key())) {
                    mine.add(r);
                }
            });
            return mine.size() >= count;
        });
        return mine;
    }
}
