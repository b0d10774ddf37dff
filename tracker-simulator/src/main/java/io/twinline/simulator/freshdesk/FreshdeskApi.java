package io.twinline.simulator.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.SimApi;
import io.twinline.simulator.SimClock;
import io.twinline.simulator.admin.Counters;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A stateful Freshdesk API v2 under {@code /api/v2}. Behaviour follows
 * {@code shared/reference/freshdesk-api-v2.md} §14; the README lists what is simulated.
 */
public final class FreshdeskApi extends SimApi {

    public static final String API_KEY = "demo-key";
    public static final long MAX_ATTACHMENTS_BYTES = 20L * 1024 * 1024;
    private static final String PREFIX = "/api/v2";
    private static final int MAX_PAGES = 300;

    // ---- state ----------------------------------------------------------------------------------

    static final class Ticket {
        long id;
        String subject;
        String description;
        int status = 2;
        int priority = 1;
        int source = 2;
        String type;
        Long requesterId;
        Long responderId;
        Long groupId;
        Long companyId;
        Long productId;
        Long parentId;
        List<String> ccEmails = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        Map<String, JsonNode> customFields = new LinkedHashMap<>();
        List<Long> attachmentIds = new ArrayList<>();
        Instant dueBy;
        Instant frDueBy;
        boolean spam;
        boolean deleted;
        Instant createdAt;
        Instant updatedAt;
    }

    static final class Conversation {
        long id;
        long ticketId;
        long userId;
        String body;
        boolean incoming;
        boolean isPrivate;
        int source;
        List<String> notifyEmails = new ArrayList<>();
        List<Long> attachmentIds = new ArrayList<>();
        Instant lastEditedAt;
        Long lastEditedUserId;
        Instant createdAt;
        Instant updatedAt;
    }

    static final class Attachment {
        long id;
        long ticketId;
        Long conversationId;
        String name;
        String contentType;
        byte[] bytes;
        String token;
        Instant createdAt;
    }

    record Contact(long id, String name, String email, Instant createdAt) {
    }

    record Agent(long id, String name, String email, List<Long> groupIds) {
    }

    record CustomFieldDef(long id, String name, String label, String type, List<String> choices) {
    }

    private final Map<Long, Ticket> tickets = new LinkedHashMap<>();
    private final Map<Long, Conversation> conversations = new LinkedHashMap<>();
    private final Map<Long, Attachment> attachments = new LinkedHashMap<>();
    private final Map<Long, Contact> contacts = new LinkedHashMap<>();
    private final Map<Long, Agent> agents = new LinkedHashMap<>();
    private final Map<Long, String> groups = new LinkedHashMap<>();
    private final Map<Integer, String> statuses = new LinkedHashMap<>();
    private final List<CustomFieldDef> customFieldDefs = new ArrayList<>();
    private long nextTicketId;
    private long nextConversationId;
    private long nextAttachmentId;
    private long nextContactId;
    private final FreshdeskBudget budget = new FreshdeskBudget();
    private Duration searchIndexDelay = Duration.ZERO;

    public FreshdeskApi(SimClock clock, Counters counters) {
        super("freshdesk", clock, counters);
        reset();
    }

    @Override
    public synchronized void reset() {
        tickets.clear();
        conversations.clear();
        attachments.clear();
        contacts.clear();
        agents.clear();
        groups.clear();
        statuses.clear();
        customFieldDefs.clear();
        nextTicketId = 1;
        nextConversationId = 1001;
        nextAttachmentId = 5001;
        nextContactId = 101;
        budget.reset();
        faults.reset();
        searchIndexDelay = Duration.ZERO;
        statuses.put(2, "Open");
        statuses.put(3, "Pending");
        statuses.put(4, "Resolved");
        statuses.put(5, "Closed");
        statuses.put(6, "Waiting on Customer");
        statuses.put(7, "Waiting on Third Party");
        groups.put(11L, "Support");
        groups.put(12L, "Billing");
        agents.put(1L, new Agent(1, "Demo Agent", "agent@demo.example", List.of(11L)));
        agents.put(2L, new Agent(2, "Second Agent", "second@demo.example", List.of(11L, 12L)));
        customFieldDefs.add(new CustomFieldDef(9001, "cf_twin_id", "Twin id", "custom_text", null));
        customFieldDefs.add(new CustomFieldDef(9002, "cf_order", "Order number", "custom_text", null));
        customFieldDefs.add(new CustomFieldDef(9003, "cf_sector", "Sector", "custom_dropdown",
                List.of("finance", "retail", "public")));
        Instant now = now();
        Contact alice = addContact("Alice Customer", "alice@customer.example", now.minus(Duration.ofDays(40)));
        Contact bob = addContact("Bob Customer", "bob@customer.example", now.minus(Duration.ofDays(40)));
        seedTicket("Printer on fire", "<p>The printer is on fire.</p>", 2, 4, alice.id(), List.of("hardware"),
                now.minus(Duration.ofDays(2)));
        seedTicket("Cannot log in", "<p>Password reset mail never arrives.</p>", 3, 2, bob.id(), List.of("login"),
                now.minus(Duration.ofDays(1)));
        seedTicket("Invoice question", "<p>Why was I charged twice?</p>", 2, 1, alice.id(), List.of(),
                now.minus(Duration.ofHours(3)));
    }

    private void seedTicket(String subject, String description, int status, int priority, long requester,
                            List<String> tags, Instant at) {
        Ticket t = new Ticket();
        t.id = nextTicketId++;
        t.subject = subject;
        t.description = description;
        t.status = status;
        t.priority = priority;
        t.requesterId = requester;
        t.tags.addAll(tags);
        t.createdAt = FreshdeskTime.truncate(at);
        t.updatedAt = t.createdAt;
        tickets.put(t.id, t);
    }

    private Contact addContact(String name, String email, Instant at) {
        Contact c = new Contact(nextContactId++, name, email, FreshdeskTime.truncate(at));
        contacts.put(c.id(), c);
        return c;
    }

    private Instant now() {
        return FreshdeskTime.truncate(clock.instant());
    }

    // ---- test and admin hooks -------------------------------------------------------------------

    /** Sets a ticket's {@code updated_at} (tests of identical timestamps and page boundaries). */
    public synchronized void setUpdatedAt(long ticketId, Instant at) {
        Ticket t = tickets.get(ticketId);
        if (t == null) {
            throw new IllegalArgumentException("no ticket " + ticketId);
        }
        t.updatedAt = FreshdeskTime.truncate(at);
    }

    /** Sets a ticket's {@code created_at} (tests of the 30-day default window). */
    public synchronized void setCreatedAt(long ticketId, Instant at) {
        Ticket t = tickets.get(ticketId);
        if (t == null) {
            throw new IllegalArgumentException("no ticket " + ticketId);
        }
        t.createdAt = FreshdeskTime.truncate(at);
    }

    public synchronized void configureRateLimit(JsonNode cfg) {
        budget.configure(cfg);
    }

    public synchronized ObjectNode rateLimitJson() {
        return budget.toJson();
    }

    /** Tickets changed within this delay are not found by search yet (0 = indexed at once). */
    public synchronized void setSearchIndexDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the index delay cannot be negative");
        }
        this.searchIndexDelay = delay;
    }

    public synchronized Duration searchIndexDelay() {
        return searchIndexDelay;
    }

    public synchronized int ticketCount() {
        return tickets.size();
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
        String auth = ctx.request().getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                String key = colon < 0 ? decoded : decoded.substring(0, colon);
                if (API_KEY.equals(key)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // not base64: the classic un-encoded key mistake, answered as wrong credentials
            }
        }
        // The account is known by its domain whatever the key: failed calls spend its budget too.
        FreshdeskBudget.Charge c = budget.charge(null, 1, clock.instant());
        ctx.response().putHeader("X-RateLimit-Total", String.valueOf(c.total()))
                .putHeader("X-RateLimit-Remaining", String.valueOf(c.remaining()))
                .putHeader("X-RateLimit-Used-CurrentRequest", String.valueOf(c.cost()));
        sendError(ctx, 401, "invalid_credentials", "You have to be logged in to perform this action.");
        return false;
    }

    @Override
    protected boolean chargeBudget(RoutingContext ctx, String endpoint) {
        List<String> includes = includes(ctx);
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
        ctx.response().putHeader("X-RateLimit-Total", String.valueOf(c.total()))
                .putHeader("X-RateLimit-Remaining", String.valueOf(c.remaining()))
                .putHeader("X-RateLimit-Used-CurrentRequest", String.valueOf(c.cost()));
        if (!c.allowed()) {
            ctx.response().putHeader("Retry-After", String.valueOf(c.retryAfterSeconds()));
            sendError(ctx, 429, "rate_limit_exceeded", "You have exceeded the limit of requests per minute");
            return false;
        }
        return true;
    }

    @Override
    protected void sendInjectedTooMany(RoutingContext ctx, int retryAfterSeconds) {
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
        route(router, HttpMethod.GET, PREFIX + "/tickets", this::listTickets);
        route(router, HttpMethod.POST, PREFIX + "/tickets", this::createTicket);
        route(router, HttpMethod.GET, PREFIX + "/tickets/:id", this::viewTicket);
        route(router, HttpMethod.PUT, PREFIX + "/tickets/:id", this::updateTicket);
        route(router, HttpMethod.DELETE, PREFIX + "/tickets/:id", this::deleteTicket);
        route(router, HttpMethod.PUT, PREFIX + "/tickets/:id/restore", this::restoreTicket);
        route(router, HttpMethod.GET, PREFIX + "/tickets/:id/conversations", this::listConversations);
        route(router, HttpMethod.POST, PREFIX + "/tickets/:id/reply", ctx -> addConversation(ctx, false));
        route(router, HttpMethod.POST, PREFIX + "/tickets/:id/notes", ctx -> addConversation(ctx, true));
        route(router, HttpMethod.PUT, PREFIX + "/conversations/:id", this::updateConversation);
        route(router, HttpMethod.DELETE, PREFIX + "/conversations/:id", this::deleteConversation);
        route(router, HttpMethod.DELETE, PREFIX + "/attachments/:id", this::deleteAttachment);
        route(router, HttpMethod.GET, PREFIX + "/search/tickets", this::searchTickets);
        route(router, HttpMethod.GET, PREFIX + "/ticket_fields", this::ticketFields);
        route(router, HttpMethod.GET, PREFIX + "/agents", this::listAgents);
        route(router, HttpMethod.GET, PREFIX + "/agents/me", ctx -> Json.send(ctx, 200, agentJson(agents.get(1L))));
        route(router, HttpMethod.GET, PREFIX + "/agents/:id", this::viewAgent);
        route(router, HttpMethod.GET, PREFIX + "/contacts", this::listContacts);
        route(router, HttpMethod.GET, PREFIX + "/contacts/:id", this::viewContact);
        route(router, HttpMethod.GET, PREFIX + "/groups", this::listGroups);
        // The CDN that serves attachment bytes: no API credentials, an unguessable token in the path.
        router.get("/_cdn/freshdesk/:token/:name").handler(this::downloadAttachment);
    }

    // ---- tickets --------------------------------------------------------------------------------

    private static final Set<String> LIST_PARAMS = Set.of("filter", "requester_id", "email", "unique_external_id",
            "company_id", "updated_since", "order_by", "order_type", "include", "page", "per_page");
    private static final Set<String> TICKET_INPUT = Set.of("subject", "description", "status", "priority", "source",
            "type", "requester_id", "responder_id", "group_id", "company_id", "product_id", "email_config_id",
            "email", "name", "phone", "facebook_id", "twitter_id", "unique_external_id", "cc_emails", "tags",
            "custom_fields", "due_by", "fr_due_by", "parent_id");

    private synchronized void listTickets(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        for (String name : q.names()) {
            if (!LIST_PARAMS.contains(name)) {
                throw new ApiError(400, "invalid_field", name, "Unexpected/invalid field in request");
            }
        }
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
            Contact c = contacts.values().stream().filter(x -> x.email().equalsIgnoreCase(q.get("email")))
                    .findFirst().orElseThrow(() -> new ApiError(400, "invalid_value", "email",
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
            Instant from = now().minus(Duration.ofDays(30));
            p = p.and(t -> !t.createdAt.isBefore(from));
        }
        Comparator<Ticket> order = switch (orderBy) {
            case "updated_at" -> Comparator.comparing((Ticket t) -> t.updatedAt);
            case "due_by" -> Comparator.comparing((Ticket t) -> t.dueBy, Comparator.nullsFirst(Comparator.naturalOrder()));
            case "status" -> Comparator.comparingInt((Ticket t) -> t.status);
            default -> Comparator.comparing((Ticket t) -> t.createdAt);
        };
        // Ties broken by id so pages are stable.
        order = order.thenComparingLong(t -> t.id);
        if (orderType.equals("desc")) {
            order = order.reversed();
        }
        List<Ticket> all = tickets.values().stream().filter(p).sorted(order).toList();
        int from = (page - 1) * perPage;
        List<Ticket> slice = from >= all.size() ? List.of() : all.subList(from, Math.min(all.size(), from + perPage));
        ArrayNode out = Json.array();
        for (Ticket t : slice) {
            ObjectNode o = ticketJson(t, includes.contains("description"));
            addIncludes(o, t, includes);
            out.add(o);
        }
        if (from + perPage < all.size() && page < MAX_PAGES) {
            ctx.response().putHeader("Link", "<" + pageUrl(ctx, page + 1) + ">; rel=\"next\"");
        }
        Json.send(ctx, 200, out);
    }

    private synchronized void createTicket(RoutingContext ctx) {
        ObjectNode in = input(ctx);
        validateTicketInput(in, true);
        Ticket t = new Ticket();
        t.id = nextTicketId++;
        t.createdAt = now();
        applyTicketInput(t, in);
        List<Attachment> added = takeUploads(ctx, t, null, 0);
        t.updatedAt = t.createdAt;
        tickets.put(t.id, t);
        added.forEach(a -> attachments.put(a.id, a));
        ctx.response().putHeader("Location", baseUrl(ctx) + PREFIX + "/tickets/" + t.id);
        Json.send(ctx, 201, ticketJson(t, true));
    }

    private synchronized void viewTicket(RoutingContext ctx) {
        Ticket t = ticket(ctx);
        List<String> includes = includes(ctx);
        for (String inc : includes) {
            if (!Set.of("conversations", "requester", "company", "stats").contains(inc)) {
                throw new ApiError(400, "invalid_value", "include", "It should be one of these values: 'conversations,requester,company,stats'");
            }
        }
        ObjectNode o = ticketJson(t, true);
        addIncludes(o, t, includes);
        if (includes.contains("conversations")) {
            ArrayNode convs = o.putArray("conversations");
            conversationsOf(t.id).stream().limit(10).forEach(c -> convs.add(conversationJson(c)));
        }
        if (includes.contains("company")) {
            o.putNull("company");
        }
        Json.send(ctx, 200, o);
    }

    private synchronized void updateTicket(RoutingContext ctx) {
        Ticket t = ticket(ctx);
        ObjectNode in = input(ctx);
        validateTicketInput(in, false);
        long existing = t.attachmentIds.stream().mapToLong(id -> attachments.get(id).bytes.length).sum()
                + conversationsOf(t.id).stream().flatMap(c -> c.attachmentIds.stream())
                .mapToLong(id -> attachments.get(id).bytes.length).sum();
        List<Attachment> added = takeUploads(ctx, t, null, existing);
        applyTicketInput(t, in);
        added.forEach(a -> attachments.put(a.id, a));
        t.updatedAt = now();
        Json.send(ctx, 200, ticketJson(t, true));
    }

    private synchronized void deleteTicket(RoutingContext ctx) {
        Ticket t = ticket(ctx);
        t.deleted = true;
        t.updatedAt = now();
        ctx.response().setStatusCode(204).end();
    }

    private synchronized void restoreTicket(RoutingContext ctx) {
        Ticket t = ticket(ctx);
        t.deleted = false;
        t.updatedAt = now();
        ctx.response().setStatusCode(204).end();
    }

    private void validateTicketInput(ObjectNode in, boolean create) {
        List<FieldError> errors = new ArrayList<>();
        in.fieldNames().forEachRemaining(f -> {
            if (!TICKET_INPUT.contains(f)) {
                errors.add(new FieldError(f, "Unexpected/invalid field in request", "invalid_field"));
            }
        });
        if (create && Stream.of("requester_id", "email", "facebook_id", "phone", "twitter_id", "unique_external_id")
                .noneMatch(f -> in.hasNonNull(f))) {
            errors.add(new FieldError("requester_id",
                    "Please fill at least 1 of email, mobile, phone, twitter_id, fb_profile_id, unique_external_id, requester_id fields",
                    "missing_field"));
        }
        checkInt(in, "status", statuses.keySet(), errors);
        checkInt(in, "priority", Set.of(1, 2, 3, 4), errors);
        checkInt(in, "source", Set.of(1, 2, 3, 7, 9, 10), errors);
        for (String f : List.of("subject", "description", "type", "email", "name", "phone")) {
            if (in.has(f) && !in.get(f).isNull() && !in.get(f).isTextual()) {
                errors.add(new FieldError(f, "Value set is of type " + typeName(in.get(f)) + ".It should be a/an String", "datatype_mismatch"));
            }
        }
        if (in.hasNonNull("type") && in.get("type").isTextual()
                && !List.of("Question", "Incident", "Problem", "Feature Request", "Refund").contains(in.get("type").asText())) {
            errors.add(new FieldError("type", "It should be one of these values: 'Question,Incident,Problem,Feature Request,Refund'", "invalid_value"));
        }
        for (String f : List.of("requester_id", "responder_id", "group_id", "company_id", "product_id", "parent_id")) {
            if (in.has(f) && !in.get(f).isNull() && !in.get(f).canConvertToLong()) {
                errors.add(new FieldError(f, "Value set is of type " + typeName(in.get(f)) + ".It should be a/an Positive Integer", "datatype_mismatch"));
            }
        }
        if (in.hasNonNull("requester_id") && in.get("requester_id").canConvertToLong()
                && !contacts.containsKey(in.get("requester_id").asLong())) {
            errors.add(new FieldError("requester_id", "There is no contact matching the given requester_id", "invalid_value"));
        }
        if (in.hasNonNull("responder_id") && in.get("responder_id").canConvertToLong()
                && !agents.containsKey(in.get("responder_id").asLong())) {
            errors.add(new FieldError("responder_id", "There is no agent matching the given responder_id", "invalid_value"));
        }
        if (in.hasNonNull("group_id") && in.get("group_id").canConvertToLong()
                && !groups.containsKey(in.get("group_id").asLong())) {
            errors.add(new FieldError("group_id", "There is no group matching the given group_id", "invalid_value"));
        }
        for (String f : List.of("tags", "cc_emails")) {
            if (in.has(f)) {
                JsonNode v = in.get(f);
                if (!v.isArray()) {
                    errors.add(new FieldError(f, "Value set is of type " + typeName(v) + ".It should be a/an Array", "datatype_mismatch"));
                } else {
                    v.forEach(e -> {
                        if (!e.isTextual()) {
                            errors.add(new FieldError(f, "It should contain elements of type String only", "datatype_mismatch"));
                        }
                    });
                }
            }
        }
        for (String f : List.of("due_by", "fr_due_by")) {
            if (in.hasNonNull(f) && FreshdeskTime.parse(in.get(f).asText()) == null) {
                errors.add(new FieldError(f, "It should be in the 'YYYY-MM-DDTHH:MM:SSZ' format", "invalid_date"));
            }
        }
        if (in.has("custom_fields")) {
            JsonNode cf = in.get("custom_fields");
            if (!cf.isObject()) {
                errors.add(new FieldError("custom_fields", "Value set is of type " + typeName(cf) + ".It should be a/an key/value pair", "datatype_mismatch"));
            } else {
                cf.fieldNames().forEachRemaining(name -> {
                    CustomFieldDef def = customFieldDefs.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
                    JsonNode v = cf.get(name);
                    if (def == null) {
                        errors.add(new FieldError(name, "Unexpected/invalid field in request", "invalid_field"));
                    } else if (!v.isNull() && def.choices() != null && !def.choices().contains(v.asText())) {
                        errors.add(new FieldError(name, "It should be one of these values: '" + String.join(",", def.choices()) + "'", "invalid_value"));
                    } else if (!v.isNull() && !v.isValueNode()) {
                        errors.add(new FieldError(name, "Value set is of type " + typeName(v) + ".It should be a/an String", "datatype_mismatch"));
                    }
                });
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiError(400, "Validation failed", errors);
        }
    }

    private void checkInt(ObjectNode in, String field, Set<Integer> allowed, List<FieldError> errors) {
        if (!in.has(field)) {
            return;
        }
        JsonNode v = in.get(field);
        if (!v.isIntegralNumber()) {
            errors.add(new FieldError(field, "Value set is of type " + typeName(v) + ".It should be a/an Positive Integer", "datatype_mismatch"));
        } else if (!allowed.contains(v.asInt())) {
            errors.add(new FieldError(field, "It should be one of these values: '"
                    + allowed.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")) + "'", "invalid_value"));
        }
    }

    private static String typeName(JsonNode v) {
        if (v.isTextual()) return "String";
        if (v.isNumber()) return "Number";
        if (v.isBoolean()) return "Boolean";
        if (v.isArray()) return "Array";
        if (v.isNull()) return "Null";
        return "key/value pair";
    }

    private void applyTicketInput(Ticket t, ObjectNode in) {
        if (in.has("subject")) t.subject = Json.text(in, "subject");
        if (in.has("description")) t.description = Json.text(in, "description");
        if (in.has("status")) t.status = in.get("status").asInt();
        if (in.has("priority")) t.priority = in.get("priority").asInt();
        if (in.has("source")) t.source = in.get("source").asInt();
        if (in.has("type")) t.type = Json.text(in, "type");
        if (in.has("responder_id")) t.responderId = longOrNull(in.get("responder_id"));
        if (in.has("group_id")) t.groupId = longOrNull(in.get("group_id"));
        if (in.has("company_id")) t.companyId = longOrNull(in.get("company_id"));
        if (in.has("product_id")) t.productId = longOrNull(in.get("product_id"));
        if (in.has("parent_id")) t.parentId = longOrNull(in.get("parent_id"));
        if (in.has("due_by")) t.dueBy = in.get("due_by").isNull() ? null : FreshdeskTime.parse(in.get("due_by").asText());
        if (in.has("fr_due_by")) t.frDueBy = in.get("fr_due_by").isNull() ? null : FreshdeskTime.parse(in.get("fr_due_by").asText());
        if (in.has("tags")) {
            t.tags = new ArrayList<>(new LinkedHashSet<>(textList(in.get("tags"))));
        }
        if (in.has("cc_emails")) t.ccEmails = textList(in.get("cc_emails"));
        if (in.has("custom_fields")) {
            in.get("custom_fields").fields().forEachRemaining(e -> t.customFields.put(e.getKey(), e.getValue()));
        }
        if (in.hasNonNull("requester_id")) {
            t.requesterId = in.get("requester_id").asLong();
        } else if (in.hasNonNull("email")) {
            String email = in.get("email").asText();
            Contact c = contacts.values().stream().filter(x -> x.email().equalsIgnoreCase(email)).findFirst()
                    .orElseGet(() -> addContact(in.hasNonNull("name") ? in.get("name").asText() : email, email, now()));
            t.requesterId = c.id();
        } else if (t.requesterId == null) {
            // phone / social identifiers also create a contact on the real service
            t.requesterId = addContact(in.hasNonNull("name") ? in.get("name").asText() : "Unknown requester",
                    "requester-" + nextContactId + "@unknown.example", now()).id();
        }
    }

    private static Long longOrNull(JsonNode v) {
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static List<String> textList(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    private Ticket ticket(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ApiError(404, "not_found", "Not Found");
        }
        Ticket t = tickets.get(id);
        if (t == null) {
            throw new ApiError(404, "not_found", "Not Found");
        }
        return t;
    }

    ObjectNode ticketJson(Ticket t, boolean withDescription) {
        ObjectNode o = Json.object();
        o.set("cc_emails", Json.strings(t.ccEmails));
        o.set("fwd_emails", Json.array());
        o.set("reply_cc_emails", Json.strings(t.ccEmails));
        o.set("ticket_cc_emails", Json.strings(t.ccEmails));
        o.put("fr_escalated", false);
        o.put("spam", t.spam);
        o.putNull("email_config_id");
        putLong(o, "group_id", t.groupId);
        o.put("priority", t.priority);
        putLong(o, "requester_id", t.requesterId);
        putLong(o, "responder_id", t.responderId);
        o.put("source", t.source);
        putLong(o, "company_id", t.companyId);
        o.put("status", t.status);
        o.put("subject", t.subject);
        o.putNull("association_type");
        o.putNull("support_email");
        o.putNull("to_emails");
        putLong(o, "product_id", t.productId);
        o.put("id", t.id);
        o.put("type", t.type);
        o.put("due_by", FreshdeskTime.format(t.dueBy));
        o.put("fr_due_by", FreshdeskTime.format(t.frDueBy));
        o.put("is_escalated", false);
        if (withDescription) {
            o.put("description", t.description);
            o.put("description_text", stripHtml(t.description));
        }
        ObjectNode cf = o.putObject("custom_fields");
        for (CustomFieldDef d : customFieldDefs) {
            JsonNode v = t.customFields.get(d.name());
            cf.set(d.name(), v == null ? Json.MAPPER.nullNode() : v);
        }
        o.put("created_at", FreshdeskTime.format(t.createdAt));
        o.put("updated_at", FreshdeskTime.format(t.updatedAt));
        o.set("tags", Json.strings(t.tags));
        ArrayNode atts = o.putArray("attachments");
        t.attachmentIds.forEach(id -> atts.add(attachmentJson(attachments.get(id))));
        o.put("deleted", t.deleted);
        o.put("nr_escalated", false);
        o.putNull("nr_due_by");
        return o;
    }

    private void addIncludes(ObjectNode o, Ticket t, List<String> includes) {
        if (includes.contains("requester")) {
            Contact c = t.requesterId == null ? null : contacts.get(t.requesterId);
            if (c == null) {
                o.putNull("requester");
            } else {
                o.putObject("requester").put("id", c.id()).put("name", c.name()).put("email", c.email())
                        .putNull("phone").putNull("mobile");
            }
        }
        if (includes.contains("stats")) {
            ObjectNode s = o.putObject("stats");
            s.putNull("agent_responded_at").putNull("requester_responded_at").putNull("first_responded_at");
            s.put("status_updated_at", FreshdeskTime.format(t.updatedAt)).putNull("reopened_at");
            s.put("resolved_at", t.status == 4 ? FreshdeskTime.format(t.updatedAt) : null);
            s.put("closed_at", t.status == 5 ? FreshdeskTime.format(t.updatedAt) : null);
            s.putNull("pending_since");
        }
    }

    private static void putLong(ObjectNode o, String name, Long v) {
        if (v == null) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    static String stripHtml(String html) {
        if (html == null) {
            return null;
        }
        return html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("<[^>]*>", "")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").trim();
    }

    // ---- conversations --------------------------------------------------------------------------

    private List<Conversation> conversationsOf(long ticketId) {
        return conversations.values().stream().filter(c -> c.ticketId == ticketId)
                .sorted(Comparator.comparingLong(c -> c.id)).toList();
    }

    private synchronized void listConversations(RoutingContext ctx) {
        Ticket t = ticket(ctx);
        MultiMap q = ctx.queryParams();
        for (String name : q.names()) {
            if (!Set.of("page", "per_page").contains(name)) {
                throw new ApiError(400, "invalid_field", name, "Unexpected/invalid field in request");
            }
        }
        int perPage = intParam(q, "per_page", 30, 1, 100);
        int page = intParam(q, "page", 1, 1, Integer.MAX_VALUE);
        List<Conversation> all = conversationsOf(t.id);
        int from = (page - 1) * perPage;
        ArrayNode out = Json.array();
        for (int i = from; i < Math.min(all.size(), from + perPage); i++) {
            out.add(conversationJson(all.get(i)));
        }
        if (from + perPage < all.size()) {
            ctx.response().putHeader("Link", "<" + pageUrl(ctx, page + 1) + ">; rel=\"next\"");
        }
        Json.send(ctx, 200, out);
    }

    private synchronized void addConversation(RoutingContext ctx, boolean note) {
        Ticket t = ticket(ctx);
        ObjectNode in = input(ctx);
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
        if (in.hasNonNull("user_id") && !(agents.containsKey(in.get("user_id").asLong())
                || contacts.containsKey(in.get("user_id").asLong()))) {
            errors.add(new FieldError("user_id", "There is no contact or agent matching the given user_id", "invalid_value"));
        }
        if (!errors.isEmpty()) {
            throw new ApiError(400, "Validation failed", errors);
        }
        Conversation c = new Conversation();
        c.id = nextConversationId++;
        c.ticketId = t.id;
        c.userId = in.hasNonNull("user_id") ? in.get("user_id").asLong() : 1L;
        c.body = in.get("body").asText();
        c.isPrivate = note && (!in.has("private") || in.get("private").asBoolean());
        c.incoming = note && in.has("incoming") && in.get("incoming").asBoolean();
        c.source = note ? 2 : 0;
        c.notifyEmails = textList(in.get("notify_emails"));
        List<Attachment> added = takeUploads(ctx, t, c.id, ticketAttachmentBytes(t));
        added.forEach(a -> {
            attachments.put(a.id, a);
            c.attachmentIds.add(a.id);
        });
        c.createdAt = now();
        c.updatedAt = c.createdAt;
        conversations.put(c.id, c);
        t.updatedAt = now();
        ObjectNode out = conversationJson(c);
        if (note) {
            out.set("notified_to", Json.strings(c.notifyEmails));
        } else {
            Contact requester = t.requesterId == null ? null : contacts.get(t.requesterId);
            out.set("replied_to", Json.strings(requester == null ? List.of() : List.of(requester.email())));
        }
        Json.send(ctx, 201, out);
    }

    private synchronized void updateConversation(RoutingContext ctx) {
        Conversation c = conversation(ctx);
        if (c.source != 2) {
            throw new ApiError(403, "access_denied", "Only notes can be edited; replies are read-only");
        }
        ObjectNode in = input(ctx);
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
        Ticket t = tickets.get(c.ticketId);
        List<Attachment> added = takeUploads(ctx, t, c.id, ticketAttachmentBytes(t));
        added.forEach(a -> {
            attachments.put(a.id, a);
            c.attachmentIds.add(a.id);
        });
        if (in.has("body")) {
            c.body = in.get("body").asText();
        }
        c.updatedAt = now();
        c.lastEditedAt = c.updatedAt;
        c.lastEditedUserId = 1L;
        t.updatedAt = now();
        Json.send(ctx, 200, conversationJson(c));
    }

    private synchronized void deleteConversation(RoutingContext ctx) {
        Conversation c = conversation(ctx);
        conversations.remove(c.id);
        c.attachmentIds.forEach(attachments::remove);
        Ticket t = tickets.get(c.ticketId);
        if (t != null) {
            t.updatedAt = now();
        }
        ctx.response().setStatusCode(204).end();
    }

    private Conversation conversation(RoutingContext ctx) {
        try {
            Conversation c = conversations.get(Long.parseLong(ctx.pathParam("id")));
            if (c != null) {
                return c;
            }
        } catch (NumberFormatException e) {
            // fall through to 404
        }
        throw new ApiError(404, "not_found", "Not Found");
    }

    ObjectNode conversationJson(Conversation c) {
        ObjectNode o = Json.object();
        o.put("body", c.body);
        o.put("body_text", stripHtml(c.body));
        o.put("id", c.id);
        o.put("incoming", c.incoming);
        o.put("private", c.isPrivate);
        o.put("user_id", c.userId);
        o.putNull("support_email");
        o.put("source", c.source);
        o.putNull("category");
        o.put("ticket_id", c.ticketId);
        o.set("to_emails", Json.strings(c.notifyEmails));
        Agent a = agents.get(c.userId);
        o.put("from_email", a == null ? null : a.email());
        o.set("cc_emails", Json.array());
        o.set("bcc_emails", Json.array());
        o.put("created_at", FreshdeskTime.format(c.createdAt));
        o.put("updated_at", FreshdeskTime.format(c.updatedAt));
        ArrayNode atts = o.putArray("attachments");
        c.attachmentIds.forEach(id -> atts.add(attachmentJson(attachments.get(id))));
        o.put("last_edited_at", FreshdeskTime.format(c.lastEditedAt));
        putLong(o, "last_edited_user_id", c.lastEditedUserId);
        return o;
    }

    // ---- attachments ----------------------------------------------------------------------------

    private long ticketAttachmentBytes(Ticket t) {
        return attachments.values().stream().filter(a -> a.ticketId == t.id).mapToLong(a -> a.bytes.length).sum();
    }

    /** Reads the uploaded {@code attachments[]} parts, enforcing the ticket's 20 MB total. */
    private List<Attachment> takeUploads(RoutingContext ctx, Ticket t, Long conversationId, long existingBytes) {
        List<Attachment> out = new ArrayList<>();
        if (!isMultipart(ctx)) {
            return out;
        }
        long total = existingBytes;
        for (FileUpload up : ctx.fileUploads()) {
            if (!up.name().equals("attachments[]")) {
                throw new ApiError(400, "invalid_field", up.name(), "Unexpected/invalid field in request");
            }
            total += up.size();
        }
        if (total > MAX_ATTACHMENTS_BYTES) {
            throw new ApiError(400, "invalid_size", "attachments",
                    "The cumulative size of all attachments of a ticket cannot exceed 20 MB");
        }
        for (FileUpload up : ctx.fileUploads()) {
            Attachment a = new Attachment();
            a.id = nextAttachmentId++;
            a.ticketId = t.id;
            a.conversationId = conversationId;
            a.name = up.fileName();
            a.contentType = up.contentType() == null ? "application/octet-stream" : up.contentType();
            try {
                a.bytes = Files.readAllBytes(Path.of(up.uploadedFileName()));
            } catch (IOException e) {
                throw new ApiError(500, "internal_error", "Could not store the attachment");
            }
            a.token = UUID.randomUUID().toString();
            a.createdAt = now();
            if (conversationId == null) {
                t.attachmentIds.add(a.id);
            }
            out.add(a);
        }
        return out;
    }

    private ObjectNode attachmentJson(Attachment a) {
        ObjectNode o = Json.object();
        o.put("id", a.id);
        o.put("content_type", a.contentType);
        o.put("size", a.bytes.length);
        o.put("name", a.name);
        o.put("attachment_url", baseUrlForCdn + "/_cdn/freshdesk/" + a.token + "/"
                + URLEncoder.encode(a.name, StandardCharsets.UTF_8).replace("+", "%20"));
        o.put("created_at", FreshdeskTime.format(a.createdAt));
        o.put("updated_at", FreshdeskTime.format(a.createdAt));
        return o;
    }

    private String baseUrlForCdn = "http://127.0.0.1";

    /** Where attachment URLs point (the simulator's own address). */
    public synchronized void setPublicBaseUrl(String baseUrl) {
        this.baseUrlForCdn = baseUrl;
    }

    private synchronized void deleteAttachment(RoutingContext ctx) {
        Attachment a;
        try {
            a = attachments.get(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            a = null;
        }
        if (a == null) {
            throw new ApiError(404, "not_found", "Not Found");
        }
        attachments.remove(a.id);
        long id = a.id;
        Ticket t = tickets.get(a.ticketId);
        if (t != null) {
            t.attachmentIds.remove(id);
            t.updatedAt = now();
        }
        if (a.conversationId != null && conversations.containsKey(a.conversationId)) {
            conversations.get(a.conversationId).attachmentIds.remove(id);
        }
        ctx.response().setStatusCode(204).end();
    }

    private void downloadAttachment(RoutingContext ctx) {
        Attachment a;
        synchronized (this) {
            a = attachments.values().stream().filter(x -> x.token.equals(ctx.pathParam("token"))).findFirst().orElse(null);
        }
        counters.record("freshdesk-cdn", "GET /_cdn/freshdesk/:token/:name", a == null ? 404 : 200);
        if (a == null) {
            ctx.response().setStatusCode(404).end("Not Found");
            return;
        }
        ctx.response().putHeader("Content-Type", a.contentType)
                .putHeader("Content-Disposition", "attachment; filename=\"" + a.name.replace("\"", "") + "\"")
                .end(Buffer.buffer(a.bytes));
    }

    // ---- search ---------------------------------------------------------------------------------

    private synchronized void searchTickets(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        for (String name : q.names()) {
            if (!Set.of("query", "page").contains(name)) {
                throw new ApiError(400, "invalid_field", name, "Unexpected/invalid field in request");
            }
        }
        String query = q.get("query");
        if (query == null) {
            throw new ApiError(400, "missing_field", "query", "It should be a/an String");
        }
        if (query.length() < 2 || !query.startsWith("\"") || !query.endsWith("\"")) {
            throw new ApiError(400, "invalid_value", "query", "It should be enclosed in double quotes");
        }
        String expr = query.substring(1, query.length() - 1);
        if (expr.length() > 512) {
            throw new ApiError(400, "invalid_value", "query", "It should not be more than 512 characters");
        }
        int page = intParam(q, "page", 1, 1, 10);
        Set<String> custom = customFieldDefs.stream().map(CustomFieldDef::name).collect(Collectors.toSet());
        Predicate<FreshdeskQuery.Fields> p;
        try {
            p = FreshdeskQuery.parse(expr, custom);
        } catch (FreshdeskQuery.ParseError e) {
            throw new ApiError(400, "invalid_value", "query", e.getMessage());
        }
        // Changes reach the search index only after the configured delay (minutes on the real service).
        Instant indexedUpTo = now().minus(searchIndexDelay);
        List<Ticket> hits = tickets.values().stream().filter(t -> !t.deleted && !t.spam)
                .filter(t -> !t.updatedAt.isAfter(indexedUpTo))
                .filter(t -> p.test(fields(t)))
                .sorted(Comparator.comparing((Ticket t) -> t.createdAt).thenComparingLong(t -> t.id).reversed())
                .toList();
        ObjectNode out = Json.object();
        ArrayNode results = out.putArray("results");
        int from = (page - 1) * 30;
        for (int i = from; i < Math.min(hits.size(), from + 30); i++) {
            results.add(ticketJson(hits.get(i), true));
        }
        out.put("total", hits.size());
        Json.send(ctx, 200, out);
    }

    private FreshdeskQuery.Fields fields(Ticket t) {
        return field -> switch (field) {
            case "agent_id" -> FreshdeskQuery.list(t.responderId);
            case "group_id" -> FreshdeskQuery.list(t.groupId);
            case "priority" -> FreshdeskQuery.list(t.priority);
            case "status" -> FreshdeskQuery.list(t.status);
            case "tag" -> new ArrayList<>(t.tags);
            case "type" -> FreshdeskQuery.list(t.type);
            case "due_by" -> FreshdeskQuery.list(t.dueBy);
            case "fr_due_by" -> FreshdeskQuery.list(t.frDueBy);
            case "created_at" -> FreshdeskQuery.list(t.createdAt);
            case "updated_at" -> FreshdeskQuery.list(t.updatedAt);
            default -> {
                JsonNode v = t.customFields.get(field);
                yield FreshdeskQuery.list(v == null || v.isNull() ? null : v.asText());
            }
        };
    }

    // ---- catalogues -----------------------------------------------------------------------------

    private synchronized void ticketFields(RoutingContext ctx) {
        String type = ctx.queryParams().get("type");
        ArrayNode out = Json.array();
        int pos = 1;
        out.add(field(1, "requester", "Search a requester", "default_requester", pos++, null));
        out.add(field(2, "subject", "Subject", "default_subject", pos++, null));
        ObjectNode tt = field(3, "ticket_type", "Type", "default_ticket_type", pos++, null);
        tt.set("choices", Json.strings(List.of("Question", "Incident", "Problem", "Feature Request", "Refund")));
        out.add(tt);
        ObjectNode st = field(4, "status", "Status", "default_status", pos++, null);
        ObjectNode sc = st.putObject("choices");
        statuses.forEach((code, label) -> sc.set(String.valueOf(code), Json.strings(List.of(label, label))));
        out.add(st);
        ObjectNode pr = field(5, "priority", "Priority", "default_priority", pos++, null);
        pr.putObject("choices").put("Low", 1).put("Medium", 2).put("High", 3).put("Urgent", 4);
        out.add(pr);
        ObjectNode src = field(6, "source", "Source", "default_source", pos++, null);
        src.putObject("choices").put("Email", 1).put("Portal", 2).put("Phone", 3).put("Chat", 7)
                .put("Feedback Widget", 9).put("Outbound Email", 10);
        out.add(src);
        ObjectNode grp = field(7, "group", "Group", "default_group", pos++, null);
        ObjectNode gc = grp.putObject("choices");
        groups.forEach((id, name) -> gc.put(name, id));
        out.add(grp);
        ObjectNode ag = field(8, "agent", "Agent", "default_agent", pos++, null);
        ObjectNode ac = ag.putObject("choices");
        agents.values().forEach(a -> ac.put(a.name(), a.id()));
        out.add(ag);
        out.add(field(9, "description", "Description", "default_description", pos++, null));
        for (CustomFieldDef d : customFieldDefs) {
            ObjectNode f = field(d.id(), d.name(), d.label(), d.type(), pos++, d.choices());
            f.put("default", false);
            out.add(f);
        }
        if (type != null) {
            ArrayNode filtered = Json.array();
            out.forEach(f -> {
                if (f.get("type").asText().equals(type)) {
                    filtered.add(f);
                }
            });
            out = filtered;
        }
        Json.send(ctx, 200, out);
    }

    private ObjectNode field(long id, String name, String label, String type, int position, List<String> choices) {
        ObjectNode o = Json.object();
        o.put("id", id).put("name", name).put("label", label).put("description", label)
                .put("position", position).put("required_for_closure", false).put("required_for_agents", false)
                .put("type", type).put("default", type.startsWith("default_"))
                .put("customers_can_edit", false).put("label_for_customers", label)
                .put("required_for_customers", false).put("displayed_to_customers", false)
                .put("created_at", "2024-01-01T00:00:00Z").put("updated_at", "2024-01-01T00:00:00Z");
        if (choices != null) {
            o.set("choices", Json.strings(choices));
        }
        return o;
    }

    private ObjectNode agentJson(Agent a) {
        ObjectNode o = Json.object();
        o.put("available", true).put("occasional", false).put("id", a.id()).put("ticket_scope", 1)
                .put("signature", (String) null).putNull("group_ids");
        o.set("group_ids", Json.MAPPER.valueToTree(a.groupIds()));
        o.set("role_ids", Json.MAPPER.valueToTree(List.of(1)));
        o.put("type", "support_agent");
        o.put("created_at", "2024-01-01T00:00:00Z").put("updated_at", "2024-01-01T00:00:00Z");
        o.putObject("contact").put("active", true).put("email", a.email()).put("name", a.name())
                .putNull("job_title").put("language", "en").putNull("mobile").putNull("phone")
                .put("time_zone", "UTC");
        return o;
    }

    private synchronized void listAgents(RoutingContext ctx) {
        String email = ctx.queryParams().get("email");
        ArrayNode out = Json.array();
        agents.values().stream().filter(a -> email == null || a.email().equalsIgnoreCase(email))
                .forEach(a -> out.add(agentJson(a)));
        Json.send(ctx, 200, out);
    }

    private synchronized void viewAgent(RoutingContext ctx) {
        Agent a;
        try {
            a = agents.get(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            a = null;
        }
        if (a == null) {
            throw new ApiError(404, "not_found", "Not Found");
        }
        Json.send(ctx, 200, agentJson(a));
    }

    private ObjectNode contactJson(Contact c) {
        ObjectNode o = Json.object();
        o.put("active", true).putNull("address").putNull("company_id").putNull("description")
                .put("email", c.email()).put("id", c.id()).putNull("job_title").put("language", "en")
                .putNull("mobile").put("name", c.name()).putNull("phone").put("time_zone", "UTC")
                .put("created_at", FreshdeskTime.format(c.createdAt()))
                .put("updated_at", FreshdeskTime.format(c.createdAt()));
        o.set("other_emails", Json.array());
        o.set("tags", Json.array());
        o.putObject("custom_fields");
        return o;
    }

    private synchronized void listContacts(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        for (String name : q.names()) {
            if (!Set.of("email", "mobile", "phone", "company_id", "state", "updated_since", "page", "per_page").contains(name)) {
                throw new ApiError(400, "invalid_field", name, "Unexpected/invalid field in request");
            }
        }
        String email = q.get("email");
        int perPage = intParam(q, "per_page", 30, 1, 100);
        int page = intParam(q, "page", 1, 1, Integer.MAX_VALUE);
        List<Contact> all = contacts.values().stream()
                .filter(c -> email == null || c.email().equalsIgnoreCase(email)).toList();
        ArrayNode out = Json.array();
        int from = (page - 1) * perPage;
        for (int i = from; i < Math.min(all.size(), from + perPage); i++) {
            out.add(contactJson(all.get(i)));
        }
        if (from + perPage < all.size()) {
            ctx.response().putHeader("Link", "<" + pageUrl(ctx, page + 1) + ">; rel=\"next\"");
        }
        Json.send(ctx, 200, out);
    }

    private synchronized void viewContact(RoutingContext ctx) {
        Contact c;
        try {
            c = contacts.get(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            c = null;
        }
        if (c == null) {
            throw new ApiError(404, "not_found", "Not Found");
        }
        Json.send(ctx, 200, contactJson(c));
    }

    private synchronized void listGroups(RoutingContext ctx) {
        ArrayNode out = Json.array();
        groups.forEach((id, name) -> out.addObject().put("id", id).put("name", name).putNull("description")
                .putNull("escalate_to").put("unassigned_for", "30m").putNull("business_hour_id")
                .set("agent_ids", Json.MAPPER.valueToTree(agents.values().stream()
                        .filter(a -> a.groupIds().contains(id)).map(Agent::id).toList())));
        Json.send(ctx, 200, out);
    }

    // ---- request helpers ------------------------------------------------------------------------

    private static List<String> includes(RoutingContext ctx) {
        String inc = ctx.queryParams().get("include");
        if (inc == null || inc.isBlank()) {
            return List.of();
        }
        return Stream.of(inc.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean isMultipart(RoutingContext ctx) {
        String ct = ctx.request().getHeader("Content-Type");
        return ct != null && ct.toLowerCase().startsWith("multipart/form-data");
    }

    /** The request's fields as JSON, from a JSON body or a multipart form (scalars by name, arrays with []). */
    private static ObjectNode input(RoutingContext ctx) {
        String ct = ctx.request().getHeader("Content-Type");
        if (isMultipart(ctx)) {
            ObjectNode o = Json.object();
            MultiMap form = ctx.request().formAttributes();
            for (String name : form.names()) {
                List<String> values = form.getAll(name);
                if (name.startsWith("custom_fields[") && name.endsWith("]")) {
                    ObjectNode cf = o.has("custom_fields") ? (ObjectNode) o.get("custom_fields") : o.putObject("custom_fields");
                    cf.put(name.substring("custom_fields[".length(), name.length() - 1), values.get(0));
                } else if (name.endsWith("[]")) {
                    o.set(name.substring(0, name.length() - 2), Json.strings(values));
                } else {
                    o.set(name, formScalar(name, values.get(0)));
                }
            }
            return o;
        }
        if (ct == null || !ct.toLowerCase().startsWith("application/json")) {
            throw new ApiError(415, "invalid_content_type", "Content-Type header should have application/json");
        }
        try {
            JsonNode n = Json.body(ctx);
            if (!n.isObject()) {
                throw new ApiError(400, "invalid_json", "Request body has invalid json format");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new ApiError(400, "invalid_json", "Request body has invalid json format");
        }
    }

    private static JsonNode formScalar(String name, String value) {
        if (Set.of("status", "priority", "source", "requester_id", "responder_id", "group_id", "company_id",
                "product_id", "user_id", "parent_id").contains(name) && value.matches("\\d+")) {
            return Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(value));
        }
        if (Set.of("private", "incoming").contains(name) && (value.equals("true") || value.equals("false"))) {
            return Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
        }
        return Json.MAPPER.getNodeFactory().textNode(value);
    }

    private static int intParam(MultiMap q, String name, int dflt, int min, int max) {
        String v = q.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String range = max == Integer.MAX_VALUE ? "a Positive Number" : "a Number between " + min + " and " + max;
        throw new ApiError(400, "invalid_value", name, "It should be " + range);
    }

    private static long longParam(String v, String name) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "datatype_mismatch", name, "It should be a/an Positive Integer");
        }
    }

    static String baseUrl(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        return ctx.request().scheme() + "://" + (host == null ? "127.0.0.1" : host);
    }

    /** The same request with another page number, as an absolute URL. */
    static String pageUrl(RoutingContext ctx, int page) {
        StringBuilder sb = new StringBuilder(baseUrl(ctx)).append(ctx.request().path()).append('?');
        Map<String, String> params = new LinkedHashMap<>();
        String raw = ctx.request().query();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.put(k, eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        params.put("page", String.valueOf(page));
        sb.append(params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + e.getValue())
                .collect(Collectors.joining("&")));
        return sb.toString();
    }
}
