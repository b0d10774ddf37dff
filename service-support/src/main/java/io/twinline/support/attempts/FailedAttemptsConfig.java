package io.twinline.support.attempts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How repeated failed credential checks (redemptions, agent token requests) are slowed down and then refused. */
@ConfigMapping(prefix = "twinline.failed-attempts")
public interface FailedAttemptsConfig {

    /** Failures from one address (or for one agent) answered normally before waiting is imposed. */
    @WithDefault("5")
    int freeAttempts();

    /** The first wait; it doubles with each further failure. */
    @WithDefault("2s")
    Duration firstDelay();

    /** The longest wait. */
    @WithDefault("15m")
    Duration maxDelay();

    /** A key whose last failure is older than this starts afresh. */
    @WithDefault("1h")
    Duration forgetAfter();

    /** Upper bound of keys tracked at once, so that the tracking itself cannot exhaust memory. */
    @WithDefault("100000")
    int maxTracked();
}
