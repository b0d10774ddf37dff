package io.twinline.connection.service;

import io.twinline.connection.config.ConnectionConfig;
import io.twinline.connection.repository.ConnectionRepository;
import io.twinline.connection.repository.StoredAttachmentRepository;
import io.twinline.core.digest.Sha256;
import io.twinline.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import io.twinline.connection.security.AgentPrincipal;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The attachment store of each connection: the sending agent uploads an attachment's bytes under their SHA-256 before
 * it sends the replica that names the hash, the receiving agent downloads them by that hash. The store computes the
 * hash itself and refuses content that does not match its name, so what it hands out is always what the name says.
 * The private agent reaches it through the agent edge (its token must be for the connection), the public agent
 * through the internal API inside the public network.
 */
@ApplicationScoped
public class AttachmentStoreService {

    private static final Logger LOG = Logger.getLogger(AttachmentStoreService.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final AgentAuthService auth;
    private final ConnectionRepository connections;
    private final StoredAttachmentRepository store;
    private final ConnectionConfig config;

    public AttachmentStoreService(AgentAuthService auth, ConnectionRepository connections, StoredAttachmentRepository store,
                                  ConnectionConfig config) {
        this.auth = auth;
        this.connections = connections;
        this.store = store;
        this.config = config;
    }

    /** What the store holds under a hash; {@code created} is false when it held the content already. */
    public record Stored(String sha256, long size, boolean created) {
    }

    public Stored storeForAgent(AgentPrincipal token, UUID connectionId, String sha256, InputStream body) {
        auth.authorize(token, connectionId);
        return store(connectionId, sha256, body);
    }

    public byte[] readForAgent(AgentPrincipal token, UUID connectionId, String sha256) {
        auth.authorize(token, connectionId);
        return read(connectionId, sha256);
    }

    /**
     * Stores the body under {@code sha256} once its SHA-256 is checked; uploading the same content again changes
     * nothing. Refusals (bad hash, unknown connection, too large, content not matching the hash) store nothing.
     */
    @Transactional
    public Stored store(UUID connectionId, String sha256, InputStream body) {
        String expected = normalised(sha256);
        requireConnection(connectionId);
        byte[] content = readBounded(body);
        String actual = Sha256.hex(content);
        if (!actual.equals(expected)) {
            throw new ProblemException(422, "Unprocessable Content", "ATTACHMENT_HASH_MISMATCH",
                    "the content's SHA-256 is " + actual + ", not " + expected + " as the path says; nothing was stored");
        }
        boolean created = store.insertIfAbsent(connectionId, expected, content, Instant.now());
        if (created) {
            LOG.debugf("attachment %s (%d bytes) stored for connection %s", expected, content.length, connectionId);
        }
        return new Stored(expected, content.length, created);
    }

    @Transactional
    public byte[] read(UUID connectionId, String sha256) {
        String hash = normalised(sha256);
        requireConnection(connectionId);
        return store.content(connectionId, hash).orElseThrow(() -> new ProblemException(Response.Status.NOT_FOUND,
                "ATTACHMENT_NOT_FOUND", "connection " + connectionId + " has no attachment " + hash));
    }

    private void requireConnection(UUID connectionId) {
        if (connections.findByIdOptional(connectionId).isEmpty()) {
            throw ProblemException.notFound("connection " + connectionId);
        }
    }

    private static String normalised(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw ProblemException.invalidField("sha256", "must be the content's SHA-256 as 64 hexadecimal digits");
        }
        return sha256.toLowerCase(Locale.ROOT);
    }

    /** Reads at most the configured size; one byte more is a 413, without reading the rest. */
    private byte[] readBounded(InputStream body) {
        long max = config.attachments().maxSize().asLongValue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = body == null ? InputStream.nullInputStream() : body) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + (long) n > max) {
                    throw new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "ATTACHMENT_TOO_LARGE",
                            "an attachment may have at most " + max + " bytes; nothing was stored");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the attachment upload failed", e);
        }
        return out.toByteArray();
    }
}
