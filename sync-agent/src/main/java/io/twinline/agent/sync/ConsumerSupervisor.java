package io.twinline.agent.sync;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Keeps the replica consumer running: a loop that ends by anything but a stop (a broker it cannot reach at start, an
 * error thrown out of it) is started again, with a fresh Kafka client, after a back-off. While no loop runs the agent
 * is not ready.
 */
final class ConsumerSupervisor {

    private static final Logger LOG = Logger.getLogger(ConsumerSupervisor.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A loop that ran this long was healthy: the next failure starts from the first back-off again. */
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(1);

    private final Supplier<ReplicaConsumer> consumers;
    private final Thread thread;
    private volatile ReplicaConsumer current;
    private volatile boolean stopped;

    ConsumerSupervisor(Supplier<ReplicaConsumer> consumers) {
        this.consumers = consumers;
        this.thread = new Thread(this::supervise, "twinline-replicas");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True while a consume loop runs. */
    boolean running() {
        ReplicaConsumer consumer = current;
        return consumer != null && consumer.consuming();
    }

    private void supervise() {
        Duration backoff = FIRST_BACKOFF;
        while (!stopped) {
            Instant startedAt = Instant.now();
            try {
                ReplicaConsumer consumer = consumers.get();
                current = consumer;
                if (stopped) {
                    consumer.stop();
                }
                consumer.run();
                if (stopped) {
                    return;
                }
                LOG.error("the replica consumer stopped by itself; starting it again");
            } catch (Throwable e) { // an Error too: the loop must come back, whatever ended it
                if (stopped) {
                    return;
                }
                LOG.errorf(e, "the replica consumer failed; starting it again in %d ms", backoff.toMillis());
            }
            if (Duration.between(startedAt, Instant.now()).compareTo(HEALTHY_RUN) > 0) {
                backoff = FIRST_BACKOFF;
            }
            synchronized (this) {
                try {
                    if (!stopped) {
                        wait(backoff.toMillis()); // woken by stop(); no interrupt, which would break a closing Kafka client
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    void stop() {
        stopped = true;
        ReplicaConsumer consumer = current;
        if (consumer != null) {
            consumer.stop();
        }
        synchronized (this) {
            notifyAll();
        }
    }
}
