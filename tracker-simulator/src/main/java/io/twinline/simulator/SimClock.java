package io.twinline.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulator's clock. Runs with the system clock by default; tests can freeze it, set it, or advance
 * it so that identical timestamps, page boundaries and rate-limit windows are reproducible without
 * sleeping. Extends {@link Clock} so a connector under test can share it.
 */
public final class SimClock extends Clock {

    private Duration offset = Duration.ZERO;
    private Instant frozenAt;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulator clock is always UTC");
    }

    @Override
    public synchronized Instant instant() {
        return frozenAt != null ? frozenAt : Instant.now().plus(offset);
    }

    /** Stops the clock at the given instant. */
    public synchronized void freeze(Instant at) {
        frozenAt = at;
    }

    /** Stops the clock where it is now. */
    public synchronized void freeze() {
        frozenAt = instant();
    }

    /** Lets the clock run again from its current reading. */
    public synchronized void unfreeze() {
        if (frozenAt != null) {
            offset = Duration.between(Instant.now(), frozenAt);
            frozenAt = null;
        }
    }

    /** Moves the clock forward (frozen or running). */
    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        if (frozenAt != null) {
            frozenAt = frozenAt.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    public synchronized boolean isFrozen() {
        return frozenAt != null;
    }

    /** Back to the system clock. */
    public synchronized void reset() {
        offset = Duration.ZERO;
        frozenAt = null;
    }
}
