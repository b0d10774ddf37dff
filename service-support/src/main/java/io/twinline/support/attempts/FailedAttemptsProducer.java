package io.twinline.support.attempts;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** One tracker per service instance. */
public class FailedAttemptsProducer {

    @Produces
    @Singleton
    FailedAttempts failedAttempts(FailedAttemptsConfig config) {
        return new FailedAttempts(config, Clock.systemUTC());
    }
}
