package io.twinline.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Gives a {@code @QuarkusTest} a real PostgreSQL as its default datasource (see {@link Postgres}). */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private Postgres postgres;

    @Override
    public Map<String, String> start() {
        postgres = Postgres.forTests();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void stop() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop PostgreSQL", e);
        }
    }
}
