package io.twinline.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Gives a {@code @QuarkusTest} a real Kafka; its address is {@code kafka.bootstrap.servers}. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private Kafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = Kafka.start();
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
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
