package io.twinline.support.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * The transactional outbox: an event is stored with the change that caused it, so a crash between the commit and
 * the Kafka send loses nothing; {@link OutboxRelay} publishes it (at least once) afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(UUID eventId, String recordKey, String eventType, Object event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = eventId;
        row.recordKey = recordKey;
        row.eventType = eventType;
        row.createdAt = Instant.now();
        try {
            row.payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + eventType + " cannot be written as JSON", e);
        }
        row.persist();
    }
}
