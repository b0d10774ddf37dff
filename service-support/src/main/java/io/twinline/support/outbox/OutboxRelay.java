package io.twinline.support.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox events in the order they were written and marks each once Kafka acknowledged it. A crash between
 * the acknowledgement and the mark sends the event again: consumers de-duplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel; each service maps it to its own events topic in configuration. */
    public static final String CHANNEL = "domain-events";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final Emitter<String> emitter;

    public OutboxRelay(@Channel(CHANNEL) Emitter<String> emitter) {
        this.emitter = emitter;
    }

    @Scheduled(every = "${twinline.outbox.poll-interval:0.2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relay() {
        publishPending();
    }

    /** Publishes what is pending; returns how many events were published. */
    public int publishPending() {
        List<OutboxEvent> batch = QuarkusTransaction.requiringNew().call(() ->
                OutboxEvent.<OutboxEvent>find("publishedAt is null order by createdAt, eventId").page(0, BATCH).list());
        int published = 0;
        for (OutboxEvent event : batch) {
            if (!send(event)) {
                break; // keep the order: retry this one on the next round before anything behind it
            }
            QuarkusTransaction.requiringNew().run(() ->
                    OutboxEvent.update("publishedAt = ?1 where eventId = ?2", Instant.now(), event.eventId));
            published++;
        }
        return published;
    }

    private boolean send(OutboxEvent event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<String> message = Message.of(event.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.recordKey).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
            acked.get(30, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            LOG.warnf("event %s (%s) not published yet, will retry: %s", event.eventId, event.eventType, e.getMessage());
            return false;
        }
    }
}
