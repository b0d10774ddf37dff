package io.twinline.support.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Makes consumers idempotent: {@link #firstDelivery} records the event in the consumer's own transaction, so the
 * effect and the record commit together and a redelivered event is recognised.
 */
@ApplicationScoped
public class Inbox {

    /** True the first time this event id is seen; false for a redelivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId, String consumer) {
        if (ProcessedEvent.findById(eventId) != null) {
            return false;
        }
        ProcessedEvent processed = new ProcessedEvent();
        processed.eventId = eventId;
        processed.consumer = consumer;
        processed.processedAt = Instant.now();
        processed.persistAndFlush();
        return true;
    }
}
