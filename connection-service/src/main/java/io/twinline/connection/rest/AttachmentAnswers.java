package io.twinline.connection.rest;

import io.twinline.connection.service.AttachmentStoreService;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Locale;

/** The answers both attachment resources give. */
final class AttachmentAnswers {

    public record StoredView(String sha256, long size) {
    }

    private AttachmentAnswers() {
    }

    static Response stored(AttachmentStoreService.Stored stored) {
        return Response.status(stored.created() ? Response.Status.CREATED : Response.Status.OK)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new StoredView(stored.sha256(), stored.size())).build();
    }

    static Response content(byte[] content, String sha256) {
        // The content never changes under its hash, so the hash is a strong entity tag.
        return Response.ok(content, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .tag(new EntityTag(sha256.toLowerCase(Locale.ROOT))).build();
    }
}
