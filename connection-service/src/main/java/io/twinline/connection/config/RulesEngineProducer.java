package io.twinline.connection.config;

import io.twinline.core.rules.RulesEngine;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One rules engine per process: it caches compiled rules by their text, so a test run of saved rules compiles once. */
public class RulesEngineProducer {

    @Produces
    @Singleton
    RulesEngine rulesEngine(ConnectionConfig config) {
        return new RulesEngine(config.rules().runTimeout());
    }
}
