package io.twinline.agent.sync;

import io.twinline.core.replica.ReplicaEnvelope;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The public agent, inside the public network, produces straight to the to-private topic (key = twin id). */
public class KafkaReplicaTransport implements ReplicaTransport {

    private final KafkaProducer<String, String> producer;
    private final String topic;

    public KafkaReplicaTransport(SyncTarget target) {
        this.topic = target.outboundTopic();
        this.producer = new KafkaProducer<>(target.kafkaClient(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, target.consumerGroup() + "-producer")),
                new StringSerializer(), new StringSerializer());
    }

    @Override
    public void send(ReplicaEnvelope envelope) {
        try {
            producer.send(new ProducerRecord<>(topic, envelope.partitionKey(), envelope.toJson())).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a replica", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the replica: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
