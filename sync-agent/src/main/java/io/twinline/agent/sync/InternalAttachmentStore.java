package io.twinline.agent.sync;

import io.twinline.agent.client.InternalAttachmentApi;
import io.twinline.agent.service.PublicSideClients;
import jakarta.ws.rs.WebApplicationException;

import java.util.UUID;

/** The public agent reaches the store through connection-service's internal API inside the public network. */
public class InternalAttachmentStore implements AttachmentStore {

    private final InternalAttachmentApi api;
    private final PublicSideClients clients;
    private final UUID connectionId;

    public InternalAttachmentStore(PublicSideClients clients, String connectionApi, UUID connectionId) {
        this.api = clients.internalAttachments(connectionApi);
        this.clients = clients;
        this.connectionId = connectionId;
    }

    @Override
    public void put(String sha256Hex, byte[] content) {
        try {
            api.put(connectionId, sha256Hex, content);
        } catch (WebApplicationException e) {
            throw new IllegalStateException("connection-service refused attachment " + sha256Hex + ": " + clients.problemCode(e), e);
        }
    }

    @Override
    public byte[] get(String sha256Hex) {
        try {
            return api.get(connectionId, sha256Hex);
        } catch (WebApplicationException e) {
            throw new IllegalStateException("connection-service did not hand out attachment " + sha256Hex + ": "
                    + clients.problemCode(e), e);
        }
    }
}
