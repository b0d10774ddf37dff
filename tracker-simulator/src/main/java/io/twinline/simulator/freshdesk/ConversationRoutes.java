package io.twinline.simulator.freshdesk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.Paging;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.SimApi.FieldError;
import io.twinline.simulator.freshdesk.FreshdeskModel.Attachment;
import io.twinline.simulator.freshdesk.FreshdeskModel.Contact;
import io.twinline.simulator.freshdesk.FreshdeskModel.Conversation;
import io.twinline.simulator.freshdesk.FreshdeskModel.Ticket;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.twinline.simulator.freshdesk.FreshdeskInput.intParam;
import static io.twinline.simulator.freshdesk.FreshdeskInput.textList;
import static io.twinline.simulator.freshdesk.FreshdeskInput.typeName;

/** A ticket's conversations: replies (public, read-only) and notes (private by default, editable). */
final class ConversationRoutes {

    private final FreshdeskStore store;
    private final FreshdeskJson json;
    private final AttachmentRoutes attachments;

    ConversationRoutes(FreshdeskStore store, FreshdeskJson json, AttachmentRoutes attachments) {
        this.store = store;
        this.json = json;
        this.attachments = attachments;
    }

    void list(RoutingContext ctx) {
        Ticket t = store.ticket(ctx.pathParam("id"));
        MultiMap q = ctx.queryParams();
        FreshdeskInput.onlyParams(q, Set.of("page", "per_page"));
        int perPage = intParam(q, "per_page", 30, 1, 100);
        int page = intParam(q, "page", 1, 1, Integer.MAX_VALUE);
        List<Conversation> all = store.conversationsOf(t.id);
        int from = (page - 1) * perPage;
        ArrayNode out = Json.array();
        Paging.slice(all, from, perPage).forEach(c -> out.add(json.conversation(c)));
        if (from + perPage < all.size()) {
            Paging.linkNext(ctx, page);
        }
        Json.send(ctx, 200, out);
    }

    void add(RoutingContext ctx, boolean note) {
        Ticket t = store.ticket(ctx.pathParam("id"));
        ObjectNode in = FreshdeskInput.body(ctx);
        Set<String> allowed = note ? Set.of("body", "private", "incoming", "notify_emails", "user_id")
                : Set.of("body", "from_email", "user_id", "cc_emails", "bcc_emails");
        List<FieldError> errors = new ArrayList<>();
        in.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                errors.add(new FieldError(f, "Unexpected/invalid field in request", "invalid_field"));
            }
        });
        if (!in.hasNonNull("body") || in.get("body").asText().isBlank()) {
            errors.add(new FieldError("body", "It should be a/an String", "missing_field"));
        }
        for (String f : List.of("private", "incoming")) {
            if (in.has(f) && !in.get(f).isBoolean()) {
                errors.add(new FieldError(f, "Value set is of type " + typeName(in.get(f)) + ".It should be a/an Boolean", "datatype_mismatch"));
            }
        }
        if (in.hasNonNull("user_id") && !(store.agents.containsKey(in.get("user_id").asLong())
                || store.contacts.containsKey(in.get("user_id").asLong()))) {
            errors.add(new FieldError("user_id", "There is no contact or agent matching the given user_id", "invalid_value"));
        }
        if (!errors.isEmpty()) {
            throw new ApiError(400, "Validation failed", errors);
        }
        Conversation c = store.newConversation();
        c.ticketId = t.id;
        c.userId = in.hasNonNull("user_id") ? in.get("user_id").asLong() : 1L;
        c.body = in.get("body").asText();
        c.isPrivate = note && (!in.has("private") || in.get("private").asBoolean());
        c.incoming = note && in.has("incoming") && in.get("incoming").asBoolean();
        c.source = note ? 2 : 0;
        c.notifyEmails = textList(in.get("notify_emails"));
        keep(c, attachments.takeUploads(ctx, t, c.id, store.ticketAttachmentBytes(t)));
        c.createdAt = store.now();
        c.updatedAt = c.createdAt;
        store.conversations.put(c.id, c);
        t.updatedAt = store.now();
        ObjectNode out = json.conversation(c);
        if (note) {
            out.set("notified_to", Json.strings(c.notifyEmails));
        } else {
            Contact requester = t.requesterId == null ? null : store.contacts.get(t.requesterId);
            out.set("replied_to", Json.strings(requester == null ? List.of() : List.of(requester.email())));
        }
        Json.send(ctx, 201, out);
    }

    void update(RoutingContext ctx) {
        Conversation c = store.conversation(ctx.pathParam("id"));
        if (c.source != 2) {
            throw new ApiError(403, "access_denied", "Only notes can be edited; replies are read-only");
        }
        ObjectNode in = FreshdeskInput.body(ctx);
        List<FieldError> errors = new ArrayList<>();
        in.fieldNames().forEachRemaining(f -> {
            if (!f.equals("body")) {
                errors.add(new FieldError(f, "Unexpected/invalid field in request", "invalid_field"));
            }
        });
        if (in.has("body") && (!in.get("body").isTextual() || in.get("body").asText().isBlank())) {
            errors.add(new FieldError("body", "It should be a/an String", "datatype_mismatch"));
        }
        if (!errors.isEmpty()) {
            throw new ApiError(400, "Validation failed", errors);
        }
        Ticket t = store.tickets.get(c.ticketId);
        keep(c, attachments.takeUploads(ctx, t, c.id, store.ticketAttachmentBytes(t)));
        if (in.has("body")) {
            c.body = in.get("body").asText();
        }
        c.updatedAt = store.now();
        c.lastEditedAt = c.updatedAt;
        c.lastEditedUserId = 1L;
        t.updatedAt = store.now();
        Json.send(ctx, 200, json.conversation(c));
    }

    private void keep(Conversation c, List<Attachment> added) {
        added.forEach(a -> {
            store.attachments.put(a.id, a);
            c.attachmentIds.add(a.id);
        });
    }

    void delete(RoutingContext ctx) {
        Conversation c = store.conversation(ctx.pathParam("id"));
        store.conversations.remove(c.id);
        c.attachmentIds.forEach(store.attachments::remove);
        Ticket t = store.tickets.get(c.ticketId);
        if (t != null) {
            t.updatedAt = store.now();
        }
        ctx.response().setStatusCode(204).end();
    }
}
