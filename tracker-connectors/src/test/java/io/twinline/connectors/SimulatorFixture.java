package io.twinline.connectors;

import io.twinline.connectors.http.Sleeper;
import io.twinline.simulator.TrackerSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the tracker simulator in-process on a free port. Connectors under test share the simulator's
 * clock, and their sleeper advances that clock instead of sleeping: pacing and Retry-After are real
 * (the simulator's budget windows move with its clock) while the tests take milliseconds.
 */
public abstract class SimulatorFixture {

    protected static TrackerSimulator sim;
    /** Every wait a connector asked for, in order. */
    protected final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    protected final Sleeper advancingSleeper = d -> {
        sleeps.add(d);
        sim.clock().advance(d);
    };

    @BeforeAll
    static void startSimulator() {
        sim = new TrackerSimulator().start(0);
    }

    @AfterAll
    static void stopSimulator() {
        sim.stop();
    }

    @BeforeEach
    void resetSimulator() {
        sim.reset();
        sim.clock().freeze(Instant.parse("2030-03-01T12:00:00Z"));
        sleeps.clear();
    }

    protected long totalSleptSeconds() {
        synchronized (sleeps) {
            return sleeps.stream().mapToLong(Duration::toMillis).sum() / 1000;
        }
    }
}
