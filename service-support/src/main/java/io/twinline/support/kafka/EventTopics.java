package io.twinline.support.kafka;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the event topics this service publishes ({@code twinline.kafka.event-topics}) when they are missing: the
 * brokers never create topics by themselves ({@code auto.create.topics.enable=false}). Partitions and replication
 * factor come from configuration. Where the cluster's operator manages topics (a Strimzi {@code KafkaTopic}), the
 * topics exist already and nothing happens.
 */
@ApplicationScoped
public class EventTopics {

    private static final Logger LOG = Logger.getLogger(EventTopics.class);

    private final KafkaClientSettings kafka;
    private final Optional<List<String>> topics;
    private final int partitions;
    private final short replicationFactor;

    public EventTopics(KafkaClientSettings kafka,
                       @ConfigProperty(name = "twinline.kafka.event-topics") Optional<List<String>> topics,
                       @ConfigProperty(name = "twinline.kafka.event-topic-partitions", defaultValue = "3") int partitions,
                       @ConfigProperty(name = "twinline.kafka.replication-factor", defaultValue = "1") short replicationFactor) {
        this.kafka = kafka;
        this.topics = topics;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    void onStart(@Observes StartupEvent event) throws InterruptedException {
        List<String> wanted = topics.orElse(List.of());
        if (wanted.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(kafka.with("twinline-event-topics", Map.of("default.api.timeout.ms", 60_000)))) {
            for (String topic : wanted) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor))).all().get(60, TimeUnit.SECONDS);
                    LOG.infof("created event topic %s (%d partitions, replication factor %d)", topic, partitions, replicationFactor);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create event topic " + topic + ": " + e.getCause().getMessage(), e);
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("Kafka did not answer while creating event topic " + topic, e);
                }
            }
        }
    }
}
