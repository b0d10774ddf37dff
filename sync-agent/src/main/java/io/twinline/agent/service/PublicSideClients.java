package io.twinline.agent.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.twinline.agent.client.ConnectionEdgeApi;
import io.twinline.agent.client.InvitationApi;
import io.twinline.agent.config.AgentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import io.twinline.core.security.ServiceCredential;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestFilter;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * REST clients for the public side. Their base URLs are not configuration: they come from the invitation code and
 * then from the stored enrollment.
 */
@ApplicationScoped
public class PublicSideClients {

    private final AgentConfig config;
    private final ObjectMapper json;
    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    public PublicSideClients(AgentConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    public InvitationApi invitations(String baseUrl) {
        return client(baseUrl, InvitationApi.class);
    }

    public io.twinline.agent.client.ConnectionRulesApi rules(String baseUrl) {
        return internalClient(baseUrl, io.twinline.agent.client.ConnectionRulesApi.class);
    }

    public io.twinline.agent.client.ConnectionInternalApi internal(String baseUrl) {
        return internalClient(baseUrl, io.twinline.agent.client.ConnectionInternalApi.class);
    }

    public io.twinline.agent.client.InternalAttachmentApi internalAttachments(String baseUrl) {
        return internalClient(baseUrl, io.twinline.agent.client.InternalAttachmentApi.class);
    }

    public ConnectionEdgeApi edge(String baseUrl) {
        return client(baseUrl, ConnectionEdgeApi.class);
    }

    /** The {@code code} of a problem+json answer, or the HTTP status when the body is not one. */
    public String problemCode(WebApplicationException e) {
        try {
            JsonNode body = json.readTree(e.getResponse().readEntity(String.class));
            return body.path("code").asText(String.valueOf(e.getResponse().getStatus()));
        } catch (Exception unreadable) {
            return String.valueOf(e.getResponse().getStatus());
        }
    }

    private <T> T client(String baseUrl, Class<T> type) {
        return client(baseUrl, type, false);
    }

    /** connection-service's /internal API (PUBLIC agent only): every call carries the service credential. */
    private <T> T internalClient(String baseUrl, Class<T> type) {
        return client(baseUrl, type, true);
    }

    @SuppressWarnings("unchecked")
    private <T> T client(String baseUrl, Class<T> type, boolean internal) {
        return (T) clients.computeIfAbsent(type.getName() + " " + baseUrl, k -> {
            QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(baseUrl))
                    .connectTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (internal) {
                config.sync().serviceToken().ifPresent(token -> builder.register(
                        (ClientRequestFilter) request -> request.getHeaders().putSingle(ServiceCredential.HEADER, token)));
            }
            return builder.build(type);
        });
    }
}
