package io.twinline.connection.messaging;

import io.twinline.core.sync.SyncTopics;
import io.twinline.support.kafka.KafkaClientSettings;
import io.twinline.core.replica.ReplicaEnvelope;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts replicas the private agent sent over HTTPS onto the connection's to-public topic, keyed by twin id so each
 * twin's order is kept. A plain Kafka producer: topics are per connection and known only at run time.
 */
@ApplicationScoped
public class ReplicaPublisher {

    private final KafkaProducer<String, String> producer;

    public ReplicaPublisher(KafkaClientSettings kafka) {
        this.producer = new KafkaProducer<>(kafka.with("connection-service-replicas", Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)),
                new StringSerializer(), new StringSerializer());
    }

    public String toPublicTopic(UUID connectionId) {
        return SyncTopics.toPublic(connectionId);
    }

    /** Returns once Kafka has the record: only then is the agent told its replica was accepted. */
    public void publishToPublic(UUID connectionId, ReplicaEnvelope envelope) throws InterruptedException, ExecutionException, TimeoutException {
        producer.send(new ProducerRecord<>(toPublicTopic(connectionId), envelope.partitionKey(), envelope.toJson()))
                .get(30, TimeUnit.SECONDS);
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
