package io.twinline.simulator.freshdesk;

import io.twinline.simulator.Requests;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.admin.Counters;
import io.twinline.simulator.freshdesk.FreshdeskModel.Attachment;
import io.twinline.simulator.freshdesk.FreshdeskModel.Ticket;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Attachments: the {@code attachments[]} parts of tickets and conversations, their deletion, and the CDN. */
final class AttachmentRoutes {

    private final FreshdeskStore store;
    private final Counters counters;

    AttachmentRoutes(FreshdeskStore store, Counters counters) {
        this.store = store;
        this.counters = counters;
    }

    /** Reads the uploaded {@code attachments[]} parts, enforcing the ticket's 20 MB total; stores nothing. */
    List<Attachment> takeUploads(RoutingContext ctx, Ticket t, Long conversationId, long existingBytes) {
        List<Attachment> out = new ArrayList<>();
        if (!Requests.isMultipart(ctx)) {
            return out;
        }
        long total = existingBytes;
        for (FileUpload up : ctx.fileUploads()) {
            if (!up.name().equals("attachments[]")) {
                throw new ApiError(400, "invalid_field", up.name(), "Unexpected/invalid field in request");
            }
            total += up.size();
        }
        if (total > FreshdeskApi.MAX_ATTACHMENTS_BYTES) {
            throw new ApiError(400, "invalid_size", "attachments",
                    "The cumulative size of all attachments of a ticket cannot exceed 20 MB");
        }
        for (FileUpload up : ctx.fileUploads()) {
            Attachment a = store.newAttachment();
            a.ticketId = t.id;
            a.conversationId = conversationId;
            a.name = up.fileName();
            a.contentType = Requests.contentType(up);
            try {
                a.bytes = Requests.bytes(up);
            } catch (IOException e) {
                throw new ApiError(500, "internal_error", "Could not store the attachment");
            }
            a.token = UUID.randomUUID().toString();
            a.createdAt = store.now();
            if (conversationId == null) {
                t.attachmentIds.add(a.id);
            }
            out.add(a);
        }
        return out;
    }

    void delete(RoutingContext ctx) {
        Attachment a;
        try {
            a = store.attachments.get(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            a = null;
        }
        if (a == null) {
            throw new ApiError(404, "not_found", "Not Found");
        }
        store.attachments.remove(a.id);
        long id = a.id;
        Ticket t = store.tickets.get(a.ticketId);
        if (t != null) {
            t.attachmentIds.remove(id);
            t.updatedAt = store.now();
        }
        if (a.conversationId != null && store.conversations.containsKey(a.conversationId)) {
            store.conversations.get(a.conversationId).attachmentIds.remove(id);
        }
        ctx.response().setStatusCode(204).end();
    }

    /** The CDN: no API credentials, an unguessable token in the path, counted apart from the API. */
    void download(RoutingContext ctx) {
        Attachment a;
        synchronized (store) {
            a = store.attachments.values().stream().filter(x -> x.token.equals(ctx.pathParam("token"))).findFirst().orElse(null);
        }
        counters.record("freshdesk-cdn", "GET /_cdn/freshdesk/:token/:name", a == null ? 404 : 200);
        if (a == null) {
            ctx.response().setStatusCode(404).end("Not Found");
            return;
        }
        Requests.sendFile(ctx, a.contentType, a.name, a.bytes);
    }
}
