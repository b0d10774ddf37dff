package io.twinline.agent.rest;

import io.twinline.agent.config.AgentConfig;
import io.twinline.agent.sync.SyncService;
import io.twinline.connectors.freshdesk.FreshdeskWebhookReceiver;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;

/**
 * Freshdesk automation rules call this on the PUBLIC agent (which lives in the public network) when a ticket
 * changes, so a change is synced at once instead of at the next poll. The private agent never enables it.
 */
@Path("/webhooks/freshdesk")
@Singleton
@Startup // a secret too short to be safe stops the agent at start, not at the first webhook
public class FreshdeskWebhookResource {

    private final SyncService sync;
    private final Optional<FreshdeskWebhookReceiver> receiver;

    public FreshdeskWebhookResource(SyncService sync, AgentConfig config) {
        this.sync = sync;
        boolean publicFreshdesk = config.side() == io.twinline.core.model.Side.PUBLIC
                && "FRESHDESK".equalsIgnoreCase(config.trackerType());
        this.receiver = config.sync().webhookSecret().filter(s -> publicFreshdesk && !s.isBlank()).map(FreshdeskWebhookReceiver::new);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces("application/problem+json")
    public Response changed(@Context HttpHeaders headers, byte[] body) {
        if (receiver.isEmpty()) {
            return problem(404, "NOT_FOUND", "webhooks are not enabled on this agent");
        }
        FreshdeskWebhookReceiver.Event event;
        try {
            event = receiver.get().receive(headers.getRequestHeaders(), body);
        } catch (FreshdeskWebhookReceiver.Rejected e) {
            return problem(e.status(), e.status() == 401 ? "UNAUTHORIZED" : "MALFORMED_WEBHOOK", e.getMessage());
        }
        if (!sync.onTicketChanged(event.ticketId())) {
            return problem(503, "NOT_SYNCING", "the agent is not syncing yet; polling will pick the change up");
        }
        return Response.accepted().build();
    }

    private static Response problem(int status, String code, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "status", status, "code", code, "detail", detail)).build();
    }
}
