package io.twinline.connection.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.twinline.connection.service.ConnectionService;
import io.twinline.core.event.InvitationEvent;
import io.twinline.support.inbox.Inbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Moves a connection to ACTIVE when its invitation is redeemed; each event takes effect once. */
@ApplicationScoped
public class InvitationEventConsumer {

    public static final String CHANNEL = "invitation-events";
    private static final String CONSUMER = "connection-service";
    private static final Logger LOG = Logger.getLogger(InvitationEventConsumer.class);

    private final ObjectMapper json;
    private final ConnectionService connections;
    private final Inbox inbox;

    public InvitationEventConsumer(ObjectMapper json, ConnectionService connections, Inbox inbox) {
        this.json = json;
        this.connections = connections;
        this.inbox = inbox;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = 10, delay = 500, jitter = 200)
    public void onEvent(String payload) {
        InvitationEvent event;
        try {
            event = json.readValue(payload, InvitationEvent.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("unreadable invitation event skipped: %s", e.getOriginalMessage());
            return;
        }
        if (event.type() != InvitationEvent.Type.REDEEMED || event.eventId() == null || event.connectionId() == null) {
            return;
        }
        // The inbox record and the transition commit together: a redelivered event finds the record and does nothing.
        QuarkusTransaction.requiringNew().run(() -> {
            if (inbox.firstDelivery(event.eventId(), CONSUMER)) {
                connections.accept(event);
            } else {
                LOG.debugf("invitation event %s delivered again; already applied", event.eventId());
            }
        });
    }
}
