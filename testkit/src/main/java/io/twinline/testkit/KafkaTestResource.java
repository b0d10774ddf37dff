package io.twinline.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka as deployed ({@link KafkaBroker}): {@code kafka.bootstrap.servers} is its
 * internal listener; connection-service's partner settings name its partner listener and CA.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker kafka;

    @Override
    public Map<String, String> start() {
        kafka = startBroker();
        return settings(kafka);
    }

    /** A broker in a fresh temporary directory. */
    public static KafkaBroker startBroker() {
        try {
            return KafkaBroker.start(Files.createTempDirectory("twinline-kafka"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings a public service needs for {@code kafka}. */
    public static Map<String, String> settings(KafkaBroker kafka) {
        return Map.of("kafka.bootstrap.servers", kafka.internalBootstrap(),
                "twinline.connection.partner-kafka.bootstrap", kafka.partnerBootstrap(),
                "twinline.connection.partner-kafka.ca-file", kafka.tls().caPemFile().toAbsolutePath().toString());
    }

    @Override
    public void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop Kafka", e);
        }
    }
}
