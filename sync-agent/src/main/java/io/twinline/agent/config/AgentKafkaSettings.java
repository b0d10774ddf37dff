package io.twinline.agent.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Map;

/**
 * Extra Kafka client properties from configuration, {@code twinline.agent.kafka.<property>} (e.g.
 * {@code twinline.agent.kafka.security.protocol}, {@code …sasl.jaas.config}, {@code …ssl.truststore.location}). A
 * PUBLIC agent's Kafka is configured this way (with {@code twinline.agent.kafka-bootstrap}); on a PRIVATE agent they
 * override what connection-service handed out (for instance a proxy's address in front of the partner listener).
 */
@ApplicationScoped
public class AgentKafkaSettings {

    private static final String PREFIX = "twinline.agent.kafka.";

    private final Map<String, Object> properties;

    public AgentKafkaSettings(Config config) {
        Map<String, Object> found = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> found.put(name.substring(PREFIX.length()), v));
            }
        }
        this.properties = Map.copyOf(found);
    }

    /** {@code base} with the configured properties on top. */
    public Map<String, Object> over(Map<String, Object> base) {
        Map<String, Object> all = new HashMap<>(base);
        all.putAll(properties);
        return all;
    }
}
