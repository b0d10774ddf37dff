package io.twinline.simulator.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.Requests;
import io.twinline.simulator.SimApi;
import io.twinline.simulator.SimClock;
import io.twinline.simulator.admin.Counters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A stateful Freshdesk API v2 under {@code /api/v2}: authentication, the rate budget, the error shape and the
 * routes; the state lives in {@link FreshdeskStore}, each resource's handlers in its own class. The module
 * README lists what is simulated.
 */
public final class FreshdeskApi extends SimApi {

    public static final String API_KEY = "demo-key";
    public static final long MAX_ATTACHMENTS_BYTES = 20L * 1024 * 1024;
    static final String PREFIX = "/api/v2";

    private final FreshdeskStore store;
    private final FreshdeskBudget budget = new FreshdeskBudget();
    private final TicketRoutes tickets;
    private final ConversationRoutes conversations;
    private final AttachmentRoutes attachments;
    private final SearchRoutes search;
    private final CatalogueRoutes catalogue;

    public FreshdeskApi(SimClock clock, Counters counters) {
        super("freshdesk", clock, counters);
        store = new FreshdeskStore(clock);
        FreshdeskJson json = new FreshdeskJson(store);
        attachments = new AttachmentRoutes(store, counters);
        tickets = new TicketRoutes(store, json, attachments);
        conversations = new ConversationRoutes(store, json, attachments);
        search = new SearchRoutes(store, json);
        catalogue = new CatalogueRoutes(store, json);
        reset();
    }

    @Override
    public void reset() {
        synchronized (store) {
            store.reset();
            budget.reset();
            faults.reset();
        }
    }

    @Override
    protected Object monitor() {
        return store;
    }

    // ---- test and admin hooks -------------------------------------------------------------------

    /** Sets a ticket's {@code updated_at} (tests of identical timestamps and page boundaries). */
    public void setUpdatedAt(long ticketId, Instant at) {
        synchronized (store) {
            store.existingTicket(ticketId).updatedAt = FreshdeskTime.truncate(at);
        }
    }

    /** Sets a ticket's {@code created_at} (tests of the 30-day default window). */
    public void setCreatedAt(long ticketId, Instant at) {
        synchronized (store) {
            store.existingTicket(ticketId).createdAt = FreshdeskTime.truncate(at);
        }
    }

    public void configureRateLimit(JsonNode cfg) {
        budget.configure(cfg);
    }

    public ObjectNode rateLimitJson() {
        return budget.toJson();
    }

    /** Tickets changed within this delay are not found by search yet (0 = indexed at once). */
    public void setSearchIndexDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the index delay cannot be negative");
        }
        synchronized (store) {
            store.searchIndexDelay = delay;
        }
    }

    public Duration searchIndexDelay() {
        synchronized (store) {
            return store.searchIndexDelay;
        }
    }

    public int ticketCount() {
        synchronized (store) {
            return store.tickets.size();
        }
    }

    /** Where attachment URLs point (the simulator's own address). */
    public void setPublicBaseUrl(String baseUrl) {
        synchronized (store) {
            store.publicBaseUrl = baseUrl;
        }
    }

    // ---- pipeline -------------------------------------------------------------------------------

    @Override
    public boolean owns(String path) {
        return path.startsWith(PREFIX + "/") || path.equals(PREFIX);
    }

    @Override
    protected boolean authenticate(RoutingContext ctx) {
        ctx.response().putHeader("X-Freshdesk-Api-Version", "latest=v2; requested=v2");
        String accept = ctx.request().getHeader("Accept");
        if (accept != null && !accept.isBlank() && !accept.contains("application/json") && !accept.contains("*/*")) {
            sendError(ctx, 406, "invalid_accept_header", "Only application/json is supported in the Accept header");
            return false;
        }
        // The key is the user name, the password is ignored; a key that is not base64 is a wrong key.
        Requests.Credentials basic = Requests.basic(ctx.request().getHeader("Authorization"));
        if (basic != null && API_KEY.equals(basic.user())) {
            return true;
        }
        // The account is known by its domain whatever the key: failed calls spend its budget too.
        putBudgetHeaders(ctx, budget.charge(null, 1, clock.instant()));
        sendError(ctx, 401, "invalid_credentials", "You have to be logged in to perform this action.");
        return false;
    }

    @Override
    protected boolean chargeBudget(RoutingContext ctx, String endpoint) {
        List<String> includes = FreshdeskInput.includes(ctx);
        String bucket = null;
        int cost = 1;
        switch (endpoint) {
            case "POST /api/v2/tickets" -> bucket = FreshdeskBudget.CREATE;
            case "PUT /api/v2/tickets/:id" -> bucket = FreshdeskBudget.UPDATE;
            case "GET /api/v2/tickets" -> {
                bucket = FreshdeskBudget.TICKETS_LIST;
                cost += 2 * includes.size();
            }
            case "GET /api/v2/contacts" -> bucket = FreshdeskBudget.CONTACTS_LIST;
            case "GET /api/v2/tickets/:id" -> cost += includes.size();
            default -> {
            }
        }
        FreshdeskBudget.Charge c = budget.charge(bucket, cost, clock.instant());
        putBudgetHeaders(ctx, c);
        if (!c.allowed()) {
            tooMany(ctx, c.retryAfterSeconds());
            return false;
        }
        return true;
    }

    private static void putBudgetHeaders(RoutingContext ctx, FreshdeskBudget.Charge c) {
        ctx.response().putHeader("X-RateLimit-Total", String.valueOf(c.total()))
                .putHeader("X-RateLimit-Remaining", String.valueOf(c.remaining()))
                .putHeader("X-RateLimit-Used-CurrentRequest", String.valueOf(c.cost()));
    }

    @Override
    protected void sendInjectedTooMany(RoutingContext ctx, int retryAfterSeconds) {
        tooMany(ctx, retryAfterSeconds);
    }

    private void tooMany(RoutingContext ctx, long retryAfterSeconds) {
        ctx.response().putHeader("Retry-After", String.valueOf(retryAfterSeconds));
        sendError(ctx, 429, "rate_limit_exceeded", "You have exceeded the limit of requests per minute");
    }

    @Override
    public void sendError(RoutingContext ctx, int status, String code, String message) {
        ObjectNode body = Json.object();
        body.put("description", message);
        ArrayNode errors = body.putArray("errors");
        errors.addObject().put("code", code).put("message", message);
        Json.send(ctx, status, body);
    }

    @Override
    protected void sendApiError(RoutingContext ctx, ApiError e) {
        if (e.fieldErrors.isEmpty()) {
            sendError(ctx, e.status, e.code, e.getMessage());
            return;
        }
        ObjectNode body = Json.object();
        body.put("description", e.status == 400 ? "Validation failed" : e.getMessage());
        ArrayNode errors = body.putArray("errors");
        for (FieldError fe : e.fieldErrors) {
            ObjectNode o = errors.addObject();
            if (fe.field() != null) {
                o.put("field", fe.field());
            }
            o.put("message", fe.message()).put("code", fe.code());
        }
        Json.send(ctx, e.status, body);
    }

    // ---- routes ---------------------------------------------------------------------------------

    @Override
    public void mount(Vertx vertx, Router router) {
        this.vertx = vertx;
        route(router, HttpMethod.GET, PREFIX + "/tickets", tickets::list);
        route(router, HttpMethod.POST, PREFIX + "/tickets", tickets::create);
        route(router, HttpMethod.GET, PREFIX + "/tickets/:id", tickets::view);
        route(router, HttpMethod.PUT, PREFIX + "/tickets/:id", tickets::update);
        route(router, HttpMethod.DELETE, PREFIX + "/tickets/:id", tickets::delete);
        route(router, HttpMethod.PUT, PREFIX + "/tickets/:id/restore", tickets::restore);
        route(router, HttpMethod.GET, PREFIX + "/tickets/:id/conversations", conversations::list);
        route(router, HttpMethod.POST, PREFIX + "/tickets/:id/reply", ctx -> conversations.add(ctx, false));
        route(router, HttpMethod.POST, PREFIX + "/tickets/:id/notes", ctx -> conversations.add(ctx, true));
        route(router, HttpMethod.PUT, PREFIX + "/conversations/:id", conversations::update);
        route(router, HttpMethod.DELETE, PREFIX + "/conversations/:id", conversations::delete);
        route(router, HttpMethod.DELETE, PREFIX + "/attachments/:id", attachments::delete);
        route(router, HttpMethod.GET, PREFIX + "/search/tickets", search::search);
        route(router, HttpMethod.GET, PREFIX + "/ticket_fields", catalogue::ticketFields);
        route(router, HttpMethod.GET, PREFIX + "/agents", catalogue::listAgents);
        route(router, HttpMethod.GET, PREFIX + "/agents/me", catalogue::me);
        route(router, HttpMethod.GET, PREFIX + "/agents/:id", catalogue::viewAgent);
        route(router, HttpMethod.GET, PREFIX + "/contacts", catalogue::listContacts);
        route(router, HttpMethod.GET, PREFIX + "/contacts/:id", catalogue::viewContact);
        route(router, HttpMethod.GET, PREFIX + "/groups", catalogue::listGroups);
        // The CDN that serves attachment bytes: no API credentials, an unguessable token in the path.
        router.get("/_cdn/freshdesk/:token/:name").handler(attachments::download);
    }
}
