package io.twinline.simulator.freshdesk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.Paging;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.freshdesk.FreshdeskModel.Attachment;
import io.twinline.simulator.freshdesk.FreshdeskModel.Contact;
import io.twinline.simulator.freshdesk.FreshdeskModel.Ticket;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static io.twinline.simulator.freshdesk.FreshdeskInput.includes;
import static io.twinline.simulator.freshdesk.FreshdeskInput.intParam;
import static io.twinline.simulator.freshdesk.FreshdeskInput.longParam;

/** {@code /api/v2/tickets}: list, create, view, update, delete and restore. */
final class TicketRoutes {

    private static final int MAX_PAGES = 300;
    private static final Set<String> LIST_PARAMS = Set.of("filter", "requester_id", "email", "unique_external_id",
            "company_id", "updated_since", "order_by", "order_type", "include", "page", "per_page");

    private final FreshdeskStore store;
    private final FreshdeskJson json;
    private final TicketInput input;
    private final AttachmentRoutes attachments;

    TicketRoutes(FreshdeskStore store, FreshdeskJson json, AttachmentRoutes attachments) {
        this.store = store;
        this.json = json;
        this.input = new TicketInput(store);
        this.attachments = attachments;
    }

    void list(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        FreshdeskInput.onlyParams(q, LIST_PARAMS);
        List<String> includes = includes(ctx);
        for (String inc : includes) {
            if (!Set.of("stats", "requester", "description").contains(inc)) {
                throw new ApiError(400, "invalid_value", "include", "It should be one of these values: 'requester,stats,description'");
            }
        }
        int perPage = intParam(q, "per_page", 30, 1, 100);
        int page = intParam(q, "page", 1, 1, Integer.MAX_VALUE);
        if (page > MAX_PAGES) {
            throw new ApiError(400, "invalid_value", "page", "You cannot access pages beyond " + MAX_PAGES);
        }
        String orderBy = q.get("order_by") == null ? "created_at" : q.get("order_by");
        if (!Set.of("created_at", "due_by", "updated_at", "status").contains(orderBy)) {
            throw new ApiError(400, "invalid_value", "order_by", "It should be one of these values: 'created_at,due_by,updated_at,status'");
        }
        String orderType = q.get("order_type") == null ? "desc" : q.get("order_type");
        if (!Set.of("asc", "desc").contains(orderType)) {
            throw new ApiError(400, "invalid_value", "order_type", "It should be one of these values: 'asc,desc'");
        }
        String filter = q.get("filter");
        if (filter != null && !Set.of("new_and_my_open", "watching", "spam", "deleted").contains(filter)) {
            throw new ApiError(400, "invalid_value", "filter", "It should be one of these values: 'new_and_my_open,watching,spam,deleted'");
        }
        Predicate<Ticket> p = filter(q, filter);
        List<Ticket> all = store.tickets.values().stream().filter(p).sorted(order(orderBy, orderType)).toList();
        int from = (page - 1) * perPage;
        ArrayNode out = Json.array();
        for (Ticket t : Paging.slice(all, from, perPage)) {
            ObjectNode o = json.ticket(t, includes.contains("description"));
            json.addIncludes(o, t, includes);
            out.add(o);
        }
        if (from + perPage < all.size() && page < MAX_PAGES) {
            Paging.linkNext(ctx, page);
        }
        Json.send(ctx, 200, out);
    }

    private Predicate<Ticket> filter(MultiMap q, String filter) {
        Predicate<Ticket> p = t -> true;
        if ("deleted".equals(filter)) {
            p = p.and(t -> t.deleted);
        } else if ("spam".equals(filter)) {
            p = p.and(t -> t.spam && !t.deleted);
        } else {
            p = p.and(t -> !t.deleted && !t.spam);
        }
        if ("new_and_my_open".equals(filter)) {
            p = p.and(t -> t.status == 2 && (t.responderId == null || t.responderId == 1L));
        } else if ("watching".equals(filter)) {
            p = p.and(t -> false);
        }
        if (q.get("requester_id") != null) {
            long r = longParam(q.get("requester_id"), "requester_id");
            p = p.and(t -> t.requesterId != null && t.requesterId == r);
        }
        if (q.get("company_id") != null) {
            long c = longParam(q.get("company_id"), "company_id");
            p = p.and(t -> t.companyId != null && t.companyId == c);
        }
        if (q.get("email") != null) {
            Contact c = store.contactByEmail(q.get("email")).orElseThrow(() -> new ApiError(400, "invalid_value", "email",
                    "There is no contact matching the given email"));
            p = p.and(t -> t.requesterId != null && t.requesterId == c.id());
        }
        if (q.get("updated_since") != null) {
            Instant since = FreshdeskTime.parse(q.get("updated_since"));
            if (since == null) {
                throw new ApiError(400, "invalid_date", "updated_since",
                        "It should be in the 'YYYY-MM-DDTHH:MM:SSZ' format");
            }
            p = p.and(t -> !t.updatedAt.isBefore(since));
        } else if (filter == null) {
            // The 30-day trap: without updated_since only tickets created in the last 30 days come back.
            Instant from = store.now().minus(Duration.ofDays(30));
            p = p.and(t -> !t.createdAt.isBefore(from));
        }
        return p;
    }

    private static Comparator<Ticket> order(String orderBy, String orderType) {
        Comparator<Ticket> order = switch (orderBy) {
            case "updated_at" -> Comparator.comparing((Ticket t) -> t.updatedAt);
            case "due_by" -> Comparator.comparing((Ticket t) -> t.dueBy, Comparator.nullsFirst(Comparator.naturalOrder()));
            case "status" -> Comparator.comparingInt((Ticket t) -> t.status);
            default -> Comparator.comparing((Ticket t) -> t.createdAt);
        };
        // Ties broken by id so pages are stable.
        order = order.thenComparingLong(t -> t.id);
        return orderType.equals("desc") ? order.reversed() : order;
    }

    void create(RoutingContext ctx) {
        ObjectNode in = FreshdeskInput.body(ctx);
        input.validate(in, true);
        Ticket t = store.newTicket();
        t.createdAt = store.now();
        input.apply(t, in);
        List<Attachment> added = attachments.takeUploads(ctx, t, null, 0);
        t.updatedAt = t.createdAt;
        store.tickets.put(t.id, t);
        added.forEach(a -> store.attachments.put(a.id, a));
        ctx.response().putHeader("Location", Paging.baseUrl(ctx) + FreshdeskApi.PREFIX + "/tickets/" + t.id);
        Json.send(ctx, 201, json.ticket(t, true));
    }

    void view(RoutingContext ctx) {
        Ticket t = store.ticket(ctx.pathParam("id"));
        List<String> includes = includes(ctx);
        for (String inc : includes) {
            if (!Set.of("conversations", "requester", "company", "stats").contains(inc)) {
                throw new ApiError(400, "invalid_value", "include", "It should be one of these values: 'conversations,requester,company,stats'");
            }
        }
        ObjectNode o = json.ticket(t, true);
        json.addIncludes(o, t, includes);
        if (includes.contains("conversations")) {
            ArrayNode convs = o.putArray("conversations");
            store.conversationsOf(t.id).stream().limit(10).forEach(c -> convs.add(json.conversation(c)));
        }
        if (includes.contains("company")) {
            o.putNull("company");
        }
        Json.send(ctx, 200, o);
    }

    void update(RoutingContext ctx) {
        Ticket t = store.ticket(ctx.pathParam("id"));
        ObjectNode in = FreshdeskInput.body(ctx);
        input.validate(in, false);
        long existing = t.attachmentIds.stream().mapToLong(id -> store.attachments.get(id).bytes.length).sum()
                + store.conversationsOf(t.id).stream().flatMap(c -> c.attachmentIds.stream())
                .mapToLong(id -> store.attachments.get(id).bytes.length).sum();
        List<Attachment> added = attachments.takeUploads(ctx, t, null, existing);
        input.apply(t, in);
        added.forEach(a -> store.attachments.put(a.id, a));
        t.updatedAt = store.now();
        Json.send(ctx, 200, json.ticket(t, true));
    }

    void delete(RoutingContext ctx) {
        setDeleted(ctx, true);
    }

    void restore(RoutingContext ctx) {
        setDeleted(ctx, false);
    }

    private void setDeleted(RoutingContext ctx, boolean deleted) {
        Ticket t = store.ticket(ctx.pathParam("id"));
        t.deleted = deleted;
        t.updatedAt = store.now();
        ctx.response().setStatusCode(204).end();
    }
}
