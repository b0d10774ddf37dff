package io.twinline.connectors.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.connectors.http.Ambiguity;
import io.twinline.connectors.http.HttpExecutor;
import io.twinline.connectors.http.HttpExecutor.Mode;
import io.twinline.connectors.http.Json;
import io.twinline.connectors.http.LinkHeader;
import io.twinline.connectors.http.MinuteBudgetPacer;
import io.twinline.connectors.http.Multipart;
import io.twinline.connectors.http.Pacer;
import io.twinline.core.model.Attachment;
import io.twinline.core.model.Comment;
import io.twinline.core.model.CustomField;
import io.twinline.core.model.IssueType;
import io.twinline.core.model.Label;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Status;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;
import io.twinline.core.tracker.ChangePage;
import io.twinline.core.tracker.FieldInfo;
import io.twinline.core.tracker.TicketUpdate;
import io.twinline.core.tracker.TrackerCatalogue;
import io.twinline.core.tracker.TrackerConnector;
import io.twinline.core.tracker.TrackerException;
import io.twinline.core.tracker.TrackerException.Kind;
import io.twinline.core.tracker.TwinMarker;
import io.twinline.core.tracker.Watermark;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Freshdesk API v2 connector. Tickets ↔ {@link Ticket}: subject → summary, tags → labels, notes →
 * comments (private note = internal), {@code custom_fields} → custom fields, status and priority codes ↔
 * named values from the account's ticket fields. See tracker-connectors/README.md for polling, pacing and
 * retries.
 */
public final class FreshdeskConnector implements TrackerConnector {

    public static final String TYPE = "freshdesk";
    private static final DateTimeFormatter SINCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_PAGES = 300;
    private static final Duration CREATE_LOOKUP_MARGIN = Duration.ofMinutes(10);

    private final FreshdeskConfig config;
    private final String authorization;
    private final HttpExecutor http;
    private final HttpExecutor cdn;
    private final FreshdeskCatalogue catalogue;

    public FreshdeskConnector(FreshdeskConfig config) {
        this(config, HttpExecutor.defaultClient(Duration.ofSeconds(10)));
    }

    public FreshdeskConnector(FreshdeskConfig config, HttpClient client) {
        this.config = config;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((config.apiKey() + ":X").getBytes(StandardCharsets.UTF_8));
        Pacer pacer = new MinuteBudgetPacer(config.clock(), config.sleeper(), config.rateBudgetPerMinute(),
                FreshdeskConnector::bucketOf, config.endpointBudgets());
        FreshdeskErrorReader errors = new FreshdeskErrorReader();
        this.http = new HttpExecutor(TYPE, client, pacer, config.retry(), config.sleeper(), errors);
        // Attachment bytes come from a CDN outside the API budget, without credentials.
        this.cdn = new HttpExecutor(TYPE, client, Pacer.NONE, config.retry(), config.sleeper(), errors);
        this.catalogue = new FreshdeskCatalogue(this, config.clock());
    }

    public FreshdeskConfig config() {
        return config;
    }

    @Override
    public String trackerType() {
        return TYPE;
    }

    // ---- HTTP -----------------------------------------------------------------------------------

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(config.baseUrl() + pathAndQuery))
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    /** Freshdesk's per-endpoint buckets: ticket create, ticket update, tickets list, contacts list. */
    static String bucketOf(HttpRequest request) {
        String path = request.uri().getPath();
        String method = request.method();
        if (path.equals("/api/v2/tickets")) {
            return method.equals("POST") ? FreshdeskConfig.TICKET_CREATE : method.equals("GET") ? FreshdeskConfig.TICKETS_LIST : null;
        }
        if (method.equals("PUT") && path.matches("/api/v2/tickets/\\d+")) {
            return FreshdeskConfig.TICKET_UPDATE;
        }
        return method.equals("GET") && path.equals("/api/v2/contacts") ? FreshdeskConfig.CONTACTS_LIST : null;
    }

    HttpResponse<byte[]> get(String operation, String pathAndQuery) {
        return http.send(operation, request(pathAndQuery).GET().build(), Mode.IDEMPOTENT);
    }

    JsonNode getJson(String operation, String pathAndQuery) {
        return Json.read(TYPE, operation, get(operation, pathAndQuery));
    }

    private JsonNode sendJson(String operation, String method, String path, Object body, Mode mode) {
        HttpRequest req = request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build();
        return Json.read(TYPE, operation, http.send(operation, req, mode));
    }

    private void delete(String operation, String path) {
        http.send(operation, request(path).DELETE().build(), Mode.IDEMPOTENT);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long ticketId(String key) {
        try {
            return Long.parseLong(key.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new TrackerException(TYPE, Kind.NOT_FOUND, "freshdesk: '" + key + "' is not a Freshdesk ticket id (a number)");
        }
    }

    // ---- polling --------------------------------------------------------------------------------

    /**
     * Keyset polling: each call lists {@code updated_since = cursor - overlap} in {@code updated_at asc}
     * order and hands out the first page that holds unseen versions. A page of already-seen tickets (the
     * overlap) moves the query's {@code updated_since} up to that page's newest timestamp (less a second, as
     * inclusiveness is undocumented); only a page whose tickets all share that timestamp is left through the
     * {@code Link} header. No offset is carried between calls, so tickets that move while a poll runs cannot
     * shift unread ones out of sight.
     */
    @Override
    public ChangePage changedSince(Watermark watermark) {
        Instant since = watermark.cursor().minus(config.pollOverlap());
        if (since.isBefore(Instant.EPOCH)) {
            since = Instant.EPOCH;
        }
        String path = listPath(since);
        Watermark wm = watermark;
        for (int page = 1; ; page++) {
            if (page > MAX_PAGES) {
                throw new TrackerException(TYPE, Kind.CONFLICT, "freshdesk: more than " + MAX_PAGES * config.pageSize()
                        + " tickets share one second of updated_at; Freshdesk cannot list beyond page " + MAX_PAGES);
            }
            HttpResponse<byte[]> response = get("list changed tickets", path);
            JsonNode items = Json.read(TYPE, "list changed tickets", response);
            if (!items.isArray()) {
                throw new TrackerException(TYPE, Kind.BAD_RESPONSE, "freshdesk: list changed tickets: expected a JSON array");
            }
            List<Ticket> fresh = new ArrayList<>();
            Instant newest = since;
            for (JsonNode item : items) {
                Ticket t = toTicket(item);
                if (t.getUpdated() == null) {
                    continue;
                }
                if (t.getUpdated().isAfter(newest)) {
                    newest = t.getUpdated();
                }
                if (wm.isNew(t.getKey(), t.getUpdated())) {
                    fresh.add(t);
                    wm = wm.with(t.getKey(), t.getUpdated(), config.pollOverlap());
                }
            }
            Optional<String> next = LinkHeader.next(response.headers().firstValue("Link").orElse(null));
            if (!fresh.isEmpty() || next.isEmpty()) {
                return new ChangePage(fresh, wm, next.isPresent());
            }
            Instant moved = newest.minusSeconds(1);
            if (moved.isAfter(since)) {
                since = moved;
                path = listPath(since);
                page = 0;
            } else {
                path = relative(next.get());
            }
        }
    }

    private String listPath(Instant since) {
        return "/api/v2/tickets?updated_since=" + enc(SINCE.format(since))
                + "&order_by=updated_at&order_type=asc&per_page=" + config.pageSize() + "&include=description";
    }

    /** The Link header carries an absolute URL; requests keep our configured base (and credentials' host). */
    private String relative(String url) {
        URI u = URI.create(url.trim());
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    // ---- read -----------------------------------------------------------------------------------

    @Override
    public Ticket get(String key) {
        long id = ticketId(key);
        JsonNode t = getJson("get ticket " + id, "/api/v2/tickets/" + id + "?include=requester");
        Ticket ticket = toTicket(t);
        List<Comment> comments = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode a : t.path("attachments")) {
            attachments.add(toAttachment(a, null));
        }
        String path = "/api/v2/tickets/" + id + "/conversations?per_page=100";
        for (int page = 1; path != null && page <= MAX_PAGES; page++) {
            HttpResponse<byte[]> r = get("list conversations of ticket " + id, path);
            for (JsonNode c : Json.read(TYPE, "list conversations", r)) {
                comments.add(toComment(c));
                for (JsonNode a : c.path("attachments")) {
                    attachments.add(toAttachment(a, c.path("id").asText()));
                }
            }
            path = LinkHeader.next(r.headers().firstValue("Link").orElse(null)).map(this::relative).orElse(null);
        }
        ticket.setComments(comments);
        ticket.setAttachments(attachments);
        return ticket;
    }

    @Override
    public Optional<Ticket> find(String key) {
        try {
            Ticket t = get(key);
            return Boolean.TRUE.equals(t.getAttributes().get("deleted")) ? Optional.empty() : Optional.of(t);
        } catch (TrackerException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    Ticket toTicket(JsonNode t) {
        Ticket ticket = new Ticket();
        String id = t.path("id").asText();
        ticket.setKey(id);
        ticket.setId(id);
        ticket.setSummary(Json.text(t, "subject"));
        ticket.setDescription(Json.text(t, "description"));
        if (t.hasNonNull("status")) {
            int code = t.get("status").asInt();
            ticket.setStatus(new Status(String.valueOf(code), catalogue.statusName(code)));
        }
        if (t.hasNonNull("priority")) {
            int code = t.get("priority").asInt();
            ticket.setPriority(new Priority(String.valueOf(code), catalogue.priorityName(code)));
        }
        if (t.hasNonNull("type")) {
            ticket.setType(new IssueType(t.get("type").asText(), t.get("type").asText()));
        }
        List<Label> labels = new ArrayList<>();
        t.path("tags").forEach(tag -> labels.add(new Label(tag.asText())));
        ticket.setLabels(labels);
        if (t.hasNonNull("requester_id")) {
            JsonNode rq = t.path("requester");
            ticket.setReporter(new User(t.get("requester_id").asText(), Json.text(rq, "name"), Json.text(rq, "email"), null));
        }
        if (t.hasNonNull("responder_id")) {
            String agentId = t.get("responder_id").asText();
            ticket.setAssignee(catalogue.userById(agentId).orElse(new User(agentId, null, null, null)));
        }
        t.path("custom_fields").fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                Object value = Json.MAPPER.convertValue(e.getValue(), Object.class);
                ticket.getCustomFields().put(e.getKey(), new CustomField(e.getKey(), catalogue.fieldType(e.getKey()), value));
            }
        });
        ticket.setCreated(Json.text(t, "created_at"));
        ticket.setUpdated(Json.text(t, "updated_at"));
        ticket.setDueDate(Json.text(t, "due_by"));
        for (String raw : List.of("group_id", "source", "company_id", "product_id", "deleted", "spam")) {
            if (t.hasNonNull(raw)) {
                ticket.getAttributes().put(raw, Json.MAPPER.convertValue(t.get(raw), Object.class));
            }
        }
        return ticket;
    }

    private Comment toComment(JsonNode c) {
        String userId = c.path("user_id").asText(null);
        User author = userId == null ? null : catalogue.userById(userId).orElse(new User(userId, null, Json.text(c, "from_email"), null));
        Comment comment = new Comment(c.path("id").asText(), Json.text(c, "body"), author, null);
        comment.setCreated(Json.text(c, "created_at"));
        comment.setUpdated(Json.text(c, "updated_at"));
        comment.setInternal(c.path("private").asBoolean(false));
        comment.getAttributes().put("source", c.path("source").asInt());
        comment.getAttributes().put("incoming", c.path("incoming").asBoolean(false));
        return comment;
    }

    private Attachment toAttachment(JsonNode a, String conversationId) {
        long size = a.has("size") ? a.path("size").asLong() : a.path("file_size").asLong();
        Attachment att = new Attachment(a.path("id").asText(), Json.text(a, "name"), Json.text(a, "content_type"), size, null);
        att.setCreated(Json.text(a, "created_at"));
        att.getAttributes().put("url", Json.text(a, "attachment_url"));
        if (conversationId != null) {
            att.getAttributes().put("conversationId", conversationId);
        }
        return att;
    }

    // ---- write ----------------------------------------------------------------------------------

    @Override
    public Ticket create(Ticket ticket, TwinMarker marker) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("subject", ticket.getSummary());
        body.put("description", ticket.getDescription() == null ? "" : ticket.getDescription());
        if (ticket.getStatus() != null) body.put("status", catalogue.statusCode(ticket.getStatus()));
        if (ticket.getPriority() != null) body.put("priority", catalogue.priorityCode(ticket.getPriority()));
        if (ticket.getType() != null) body.put("type", ticket.getType().getName());
        User reporter = ticket.getReporter();
        if (reporter != null && reporter.getEmail() != null) {
            body.put("email", reporter.getEmail());
            if (reporter.getDisplayName() != null) body.put("name", reporter.getDisplayName());
        } else if (reporter != null && reporter.getKey() != null && reporter.getKey().matches("\\d+")) {
            body.put("requester_id", Long.parseLong(reporter.getKey()));
        } else {
            body.put("email", config.defaultRequesterEmail());
        }
        if (ticket.getAssignee() != null) {
            body.put("responder_id", catalogue.agentId(ticket.getAssignee()));
        }
        Set<String> tags = new LinkedHashSet<>();
        ticket.getLabels().forEach(l -> tags.add(l.getLabel()));
        ObjectNode custom = Json.MAPPER.createObjectNode();
        ticket.getCustomFields().forEach((name, f) -> {
            if (f != null && f.getValue() != null) custom.set(name, Json.MAPPER.valueToTree(f.getValue()));
        });
        if (marker != null) {
            if (config.twinMarkerField() != null) {
                custom.put(config.twinMarkerField(), marker.value());
            } else {
                tags.add(marker.label());
            }
        }
        body.set("tags", Json.MAPPER.valueToTree(tags));
        if (!custom.isEmpty()) body.set("custom_fields", custom);
        if (ticket.getDueDate() != null) body.put("due_by", SINCE.format(ticket.getDueDate()));
        putAttributes(body, ticket.getAttributes());
        JsonNode created = createWithMarker(body, marker);
        return get(created.path("id").asText());
    }

    /** A create whose outcome is unknown is looked up by its marker before it is sent again. */
    private JsonNode createWithMarker(ObjectNode body, TwinMarker marker) {
        if (marker == null) {
            return sendJson("create ticket", "POST", "/api/v2/tickets", body, Mode.IDEMPOTENT);
        }
        // Look the marker up by live listing, not the lagging search index. Without the recorded intent time, a
        // generous margin before now bounds the listing (a lower bound only: clock skew under it is harmless).
        TwinMarker lookup = marker.notBefore() != null ? marker
                : marker.notBefore(config.clock().instant().minus(CREATE_LOOKUP_MARGIN));
        return Ambiguity.resolve(TYPE, config.retry(), config.sleeper(),
                () -> sendJson("create ticket", "POST", "/api/v2/tickets", body, Mode.NOT_IDEMPOTENT),
                () -> findByTwinMarker(lookup).map(t -> (JsonNode) Json.MAPPER.createObjectNode().put("id", Long.parseLong(t.getKey()))));
    }

    private static final Set<String> WRITABLE_ATTRIBUTES = Set.of("group_id", "source", "company_id", "product_id",
            "email_config_id", "cc_emails", "fr_due_by", "parent_id", "phone", "name", "unique_external_id");

    private static void putAttributes(ObjectNode body, Map<String, Object> attributes) {
        attributes.forEach((k, v) -> {
            if (WRITABLE_ATTRIBUTES.contains(k)) {
                body.set(k, Json.MAPPER.valueToTree(v));
            }
        });
    }

    @Override
    public Ticket update(String key, TicketUpdate update) {
        long id = ticketId(key);
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (update.has(TicketUpdate.SUMMARY)) body.put("subject", (String) update.get(TicketUpdate.SUMMARY));
        if (update.has(TicketUpdate.DESCRIPTION)) {
            String d = update.get(TicketUpdate.DESCRIPTION);
            body.put("description", d == null ? "" : d);
        }
        if (update.has(TicketUpdate.STATUS) && update.get(TicketUpdate.STATUS) != null) {
            body.put("status", catalogue.statusCode(update.get(TicketUpdate.STATUS)));
        }
        if (update.has(TicketUpdate.PRIORITY) && update.get(TicketUpdate.PRIORITY) != null) {
            body.put("priority", catalogue.priorityCode(update.get(TicketUpdate.PRIORITY)));
        }
        if (update.has(TicketUpdate.TYPE)) {
            IssueType type = update.get(TicketUpdate.TYPE);
            body.put("type", type == null ? null : type.getName());
        }
        if (update.has(TicketUpdate.ASSIGNEE)) {
            User u = update.get(TicketUpdate.ASSIGNEE);
            if (u == null) {
                body.putNull("responder_id");
            } else {
                body.put("responder_id", catalogue.agentId(u));
            }
        }
        User requester = update.has(TicketUpdate.REPORTER) ? update.get(TicketUpdate.REPORTER) : null;
        if (requester != null && requester.getKey() != null && requester.getKey().matches("\\d+")) {
            body.put("requester_id", Long.parseLong(requester.getKey()));
        } else if (requester != null && requester.getEmail() != null) {
            body.put("email", requester.getEmail()); // the requester with this e-mail, a new contact if there is none
        }
        if (update.has(TicketUpdate.DUE_DATE) && update.get(TicketUpdate.DUE_DATE) != null) {
            body.put("due_by", SINCE.format((Instant) update.get(TicketUpdate.DUE_DATE)));
        }
        if (update.has(TicketUpdate.LABELS)) {
            // Tags are replaced as a whole: keep the twin marker, which rules never see as theirs.
            Set<String> tags = new LinkedHashSet<>();
            Set<Label> wanted = update.get(TicketUpdate.LABELS);
            wanted.forEach(l -> tags.add(l.getLabel()));
            JsonNode current = getJson("get ticket " + id, "/api/v2/tickets/" + id);
            current.path("tags").forEach(t -> {
                if (TwinMarker.isMarker(t.asText())) tags.add(t.asText());
            });
            body.set("tags", Json.MAPPER.valueToTree(tags));
        }
        if (!update.customFields().isEmpty()) {
            ObjectNode custom = body.putObject("custom_fields");
            update.customFields().forEach((k, v) -> custom.set(k, Json.MAPPER.valueToTree(v)));
        }
        putAttributes(body, update.attributes());
        if (!body.isEmpty()) {
            sendJson("update ticket " + id, "PUT", "/api/v2/tickets/" + id, body, Mode.IDEMPOTENT);
        }
        return get(String.valueOf(id));
    }

    @Override
    public Comment addComment(String key, Comment comment) {
        long id = ticketId(key);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("body", comment.getBody());
        // Public comments become public notes, not replies: syncing must not e-mail the requester.
        body.put("private", comment.isInternal());
        // A note whose outcome is unknown is looked for (same body and privacy) before it is sent again.
        return Ambiguity.resolve(TYPE, config.retry(), config.sleeper(),
                () -> toComment(sendJson("add note to ticket " + id, "POST", "/api/v2/tickets/" + id + "/notes", body, Mode.NOT_IDEMPOTENT)),
                () -> get(String.valueOf(id)).getComments().stream()
                        .filter(c -> c.isInternal() == comment.isInternal() && java.util.Objects.equals(c.getBody(), comment.getBody()))
                        .reduce((a, b) -> b));
    }

    @Override
    public Comment editComment(String key, Comment comment) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("body", comment.getBody());
        return toComment(sendJson("edit conversation " + comment.getId(), "PUT", "/api/v2/conversations/" + enc(comment.getId()),
                body, Mode.IDEMPOTENT));
    }

    @Override
    public void deleteComment(String key, String commentId) {
        delete("delete conversation " + commentId, "/api/v2/conversations/" + enc(commentId));
    }

    @Override
    public Attachment addAttachment(String key, String filename, String mimeType, byte[] content) {
        long id = ticketId(key);
        Multipart mp = new Multipart().file("attachments[]", filename, mimeType, content);
        HttpRequest req = request("/api/v2/tickets/" + id).header("Content-Type", mp.contentType())
                .PUT(mp.publisher()).build();
        JsonNode t = Json.read(TYPE, "upload attachment", http.send("upload attachment to ticket " + id, req, Mode.IDEMPOTENT));
        // Ids grow: the upload is the newest attachment (names may have been escaped on the way).
        JsonNode newest = null;
        for (JsonNode a : t.path("attachments")) {
            if (newest == null || a.path("id").asLong() > newest.path("id").asLong()) {
                newest = a;
            }
        }
        if (newest == null) {
            throw new TrackerException(TYPE, Kind.BAD_RESPONSE, "freshdesk: upload to ticket " + id
                    + " succeeded but the ticket does not list '" + filename + "'");
        }
        return toAttachment(newest, null);
    }

    @Override
    public byte[] downloadAttachment(String key, Attachment attachment) {
        // attachment_url is pre-signed and expires: take a fresh one from the ticket, never send credentials there.
        Ticket fresh = get(key);
        String url = fresh.getAttachments().stream().filter(a -> a.getId().equals(attachment.getId()))
                .map(a -> (String) a.getAttributes().get("url")).findFirst()
                .orElseThrow(() -> new TrackerException(TYPE, Kind.NOT_FOUND, "freshdesk: ticket " + key
                        + " has no attachment " + attachment.getId()));
        return cdn.send("download attachment " + attachment.getId(), HttpRequest.newBuilder(URI.create(url)).GET().build(),
                Mode.IDEMPOTENT).body();
    }

    @Override
    public void deleteAttachment(String key, String attachmentId) {
        delete("delete attachment " + attachmentId, "/api/v2/attachments/" + enc(attachmentId));
    }

    // ---- lookups --------------------------------------------------------------------------------

    @Override
    public TrackerCatalogue catalogue() {
        return catalogue;
    }

    @Override
    public List<FieldInfo> fields() {
        return catalogue.fields();
    }

    @Override
    public List<Ticket> search(String query) {
        String q = query.trim();
        if (q.length() >= 2 && q.startsWith("\"") && q.endsWith("\"")) {
            q = q.substring(1, q.length() - 1);
        }
        if (q.length() > 512) {
            throw new TrackerException(TYPE, Kind.VALIDATION, "freshdesk: a search query may hold at most 512 characters ("
                    + q.length() + " given)");
        }
        List<Ticket> out = new ArrayList<>();
        for (int page = 1; page <= 10; page++) {
            JsonNode r = getJson("search tickets", "/api/v2/search/tickets?query=" + enc("\"" + q + "\"") + "&page=" + page);
            JsonNode results = r.path("results");
            results.forEach(t -> out.add(toTicket(t)));
            if (results.size() < 30 || out.size() >= r.path("total").asInt()) {
                break;
            }
        }
        return out;
    }

    @Override
    public Optional<Ticket> findByTwinMarker(TwinMarker marker) {
        if (marker.notBefore() != null) {
            // Listing is live; the search index lags by minutes, too late for a create retried seconds later.
            Watermark wm = Watermark.from(marker.notBefore());
            while (true) {
                ChangePage page = changedSince(wm);
                for (Ticket t : page.tickets()) {
                    if (carries(t, marker)) {
                        return Optional.of(get(t.getKey()));
                    }
                }
                if (!page.hasMore()) {
                    return Optional.empty();
                }
                wm = page.watermark();
            }
        }
        String query = config.twinMarkerField() != null ? config.twinMarkerField() + ":'" + marker.value() + "'"
                : "tag:'" + marker.label() + "'";
        return search(query).stream().filter(t -> carries(t, marker)).findFirst().map(t -> get(t.getKey()));
    }

    private boolean carries(Ticket t, TwinMarker marker) {
        if (config.twinMarkerField() != null) {
            return marker.value().equals(String.valueOf(t.getCustomFields().valueOf(config.twinMarkerField())));
        }
        return t.getLabels().contains(new Label(marker.label()));
    }

    @Override
    public void close() {
        // The JDK client holds no resources that need closing on Java 17.
    }

}
