package io.twinline.agent.rest;

import io.quarkus.runtime.Startup;
import io.twinline.agent.config.AgentConfig;
import io.twinline.agent.sync.SyncService;
import io.twinline.connectors.jira.JiraWebhookReceiver;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Map;
import java.util.Optional;

/**
 * Jira DC webhooks call this on the agent that syncs Jira — on the private side from inside the partner's own network,
 * never from outside it — so a change is synced at once instead of at the next poll. Enabled by the connection's
 * webhook secret; polling stays the safety net for webhooks that never come.
 */
@Path("/webhooks/jira")
@Singleton
@Startup // a secret too short to be safe stops the agent at start, not at the first webhook
public class JiraWebhookResource {

    private final SyncService sync;
    private final Optional<JiraWebhookReceiver> receiver;

    public JiraWebhookResource(SyncService sync, AgentConfig config) {
        this.sync = sync;
        boolean jira = "JIRA".equalsIgnoreCase(config.trackerType());
        this.receiver = config.sync().webhookSecret().filter(s -> jira && !s.isBlank()).map(JiraWebhookReceiver::new);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces("application/problem+json")
    public Response changed(@Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        if (receiver.isEmpty()) {
            return problem(404, "NOT_FOUND", "Jira webhooks are not enabled on this agent");
        }
        JiraWebhookReceiver.Event event;
        try {
            event = receiver.get().receive(headers.getRequestHeaders(), uri.getQueryParameters(), body);
        } catch (JiraWebhookReceiver.Rejected e) {
            return problem(e.status(), e.status() == 401 ? "UNAUTHORIZED" : "MALFORMED_WEBHOOK", e.getMessage());
        }
        if (!sync.onTicketChanged(event.issueKey())) {
            return problem(503, "NOT_SYNCING", "the agent is not syncing yet; polling will pick the change up");
        }
        return Response.accepted().build();
    }

    private static Response problem(int status, String code, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(Map.of("type", "about:blank", "status", status, "code", code, "detail", detail)).build();
    }
}
