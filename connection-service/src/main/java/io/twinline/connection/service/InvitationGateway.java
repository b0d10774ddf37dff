package io.twinline.connection.service;

import io.twinline.connection.client.InvitationClient;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Calls invitation-service, retrying brief outages; when it stays unreachable the caller gets a clear 503. */
@ApplicationScoped
public class InvitationGateway {

    private static final Logger LOG = Logger.getLogger(InvitationGateway.class);

    private final InvitationClient client;

    public InvitationGateway(@RestClient InvitationClient client) {
        this.client = client;
    }

    public InvitationClient.MintedInvitation mint(UUID connectionId, String connectionName, String initiatorName, Long lifetimeSeconds) {
        try {
            return mintWithRetry(new InvitationClient.MintRequest(connectionId, connectionName, initiatorName, lifetimeSeconds));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 400) {
                throw new ProblemException(Response.Status.BAD_REQUEST, "INVALID_FIELD", "invitation-service refused the request: "
                        + e.getResponse().readEntity(String.class));
            }
            throw unavailable(e);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    public void revoke(UUID connectionId) {
        try {
            revokeWithRetry(connectionId);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    // Minting again is harmless: a new code revokes the previous one, which nobody has seen yet.
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = ProcessingException.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    InvitationClient.MintedInvitation mintWithRetry(InvitationClient.MintRequest request) {
        return client.mint(request);
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = ProcessingException.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    void revokeWithRetry(UUID connectionId) {
        client.revoke(connectionId);
    }

    private static ProblemException unavailable(Exception e) {
        LOG.warnf("invitation-service unavailable: %s", e.toString());
        return new ProblemException(Response.Status.SERVICE_UNAVAILABLE, "INVITATION_SERVICE_UNAVAILABLE",
                "invitation-service cannot be reached; nothing was changed, try again");
    }
}
