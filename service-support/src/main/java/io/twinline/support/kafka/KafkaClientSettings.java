package io.twinline.support.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code kafka.*} settings of this service (bootstrap servers, {@code security.protocol}, SASL, trust store), as
 * SmallRye Reactive Messaging applies them to every channel, for the plain Kafka clients (admin, per-connection
 * producers) too: one place says how this service reaches Kafka, nothing is hard-coded.
 */
@ApplicationScoped
public class KafkaClientSettings {

    private static final String PREFIX = "kafka.";

    private final Map<String, Object> properties;

    public KafkaClientSettings(Config config) {
        Map<String, Object> found = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.getOptionalValue(name, String.class).ifPresent(value -> found.put(name.substring(PREFIX.length()), value));
            }
        }
        this.properties = Map.copyOf(found);
    }

    /** The settings plus {@code client.id} and the caller's own (which win). */
    public Map<String, Object> with(String clientId, Map<String, Object> own) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("client.id", clientId);
        all.putAll(own);
        return all;
    }
}
