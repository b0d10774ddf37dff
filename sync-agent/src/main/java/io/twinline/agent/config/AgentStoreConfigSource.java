package io.twinline.agent.config;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the one setting an operator gives, {@code twinline.agent.store} ({@code embedded} or {@code postgresql}),
 * into which of the agent's two datasources is active. Between application.properties and environment variables in
 * priority, so either datasource can still be forced by hand.
 */
public class AgentStoreConfigSource implements ConfigSource {

    public static final String STORE_PROPERTY = "twinline.agent.store";
    static final String STORE_ENV = "TWINLINE_AGENT_STORE";
    static final String EMBEDDED_ACTIVE = "quarkus.datasource.active";
    static final String POSTGRESQL_ACTIVE = "quarkus.datasource.\"postgresql\".active";

    private final Map<String, String> values;

    public AgentStoreConfigSource() {
        String store = System.getProperty(STORE_PROPERTY, System.getenv().getOrDefault(STORE_ENV, "embedded"))
                .strip().toLowerCase(Locale.ROOT);
        boolean postgresql = store.equals("postgresql");
        if (!postgresql && !store.equals("embedded")) {
            throw new IllegalArgumentException(STORE_PROPERTY + " must be 'embedded' or 'postgresql', not '" + store + "'");
        }
        values = Map.of(EMBEDDED_ACTIVE, String.valueOf(!postgresql), POSTGRESQL_ACTIVE, String.valueOf(postgresql));
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "twinline-agent-store";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }
}
