package io.twinline.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.connectors.http.Ambiguity;
import io.twinline.connectors.http.HttpExecutor;
import io.twinline.connectors.http.HttpExecutor.Mode;
import io.twinline.connectors.http.Json;
import io.twinline.connectors.http.Multipart;
import io.twinline.connectors.http.TokenBucketPacer;
import io.twinline.core.model.Attachment;
import io.twinline.core.model.Comment;
import io.twinline.core.model.CustomField;
import io.twinline.core.model.IssueType;
import io.twinline.core.model.Label;
import io.twinline.core.model.NamedValue;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Jira Data Center REST v2 connector. Issues ↔ {@link Ticket}: labels, priority, custom fields
 * ({@code customfield_NNNNN}), comments (restricted by visibility = internal), attachments; status changes
 * through the workflow's transitions. See tracker-connectors/README.md for polling, pacing and retries.
 */
public final class JiraConnector implements TrackerConnector {

    public static final String TYPE = "jira";
    private static final String API = "/rest/api/2";
    private static final DateTimeFormatter JQL_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JiraConfig config;
    private final String authorization;
    private final HttpExecutor http;
    private final JiraCatalogue catalogue;

    public JiraConnector(JiraConfig config) {
        this(config, HttpExecutor.defaultClient(Duration.ofSeconds(10)));
    }

    public JiraConnector(JiraConfig config, HttpClient client) {
        this.config = config;
        this.authorization = config.token() != null ? "Bearer " + config.token()
                : "Basic " + Base64.getEncoder().encodeToString((config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
        this.http = new HttpExecutor(TYPE, client, new TokenBucketPacer(config.clock(), config.sleeper()), config.retry(),
                config.sleeper(), new JiraErrorReader());
        this.catalogue = new JiraCatalogue(this, config.clock());
    }

    public JiraConfig config() {
        return config;
    }

    @Override
    public String trackerType() {
        return TYPE;
    }

    // ---- HTTP -----------------------------------------------------------------------------------

    private HttpRequest.Builder request(String pathAndQuery) {
        // Basic credentials go pre-emptively: Jira allows anonymous access and never challenges.
        return HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("http") ? pathAndQuery : config.baseUrl() + pathAndQuery))
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    JsonNode getJson(String operation, String pathAndQuery) {
        return Json.read(TYPE, operation, http.send(operation, request(pathAndQuery).GET().build(), Mode.IDEMPOTENT));
    }

    private HttpResponse<byte[]> sendJson(String operation, String method, String path, Object body, Mode mode) {
        HttpRequest req = request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build();
        return http.send(operation, req, mode);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String path(String key) {
        if (key == null || key.isBlank()) {
            throw new TrackerException(TYPE, Kind.NOT_FOUND, "jira: an issue key or id is required");
        }
        return API + "/issue/" + enc(key.trim());
    }

    // ---- polling --------------------------------------------------------------------------------

    /**
     * JQL polling {@code updated >= "<cursor - overlap, floored to the minute>" ORDER BY updated ASC, key ASC}:
     * JQL cannot say seconds, so each call re-reads at least the last minute and skips versions the watermark
     * has seen ({@code key} + {@code updated}). It hands out the first page holding unseen versions. A page of
     * seen issues moves the query's date up to that page's newest minute; only a page that stays within one
     * minute is left through {@code startAt}. No offset is carried between calls (keyset), so issues that move
     * while a poll runs cannot push unread ones out of sight.
     */
    @Override
    public ChangePage changedSince(Watermark watermark) {
        Instant since = watermark.cursor().minus(config.pollOverlap()).truncatedTo(ChronoUnit.MINUTES);
        if (since.isBefore(Instant.EPOCH)) {
            since = Instant.EPOCH;
        }
        Watermark wm = watermark;
        int startAt = 0;
        while (true) {
            JsonNode page = search(pollJql(since), startAt, config.pageSize(), List.of("*navigable"));
            JsonNode issues = page.path("issues");
            List<Ticket> fresh = new ArrayList<>();
            Instant newest = since;
            for (JsonNode issue : issues) {
                Ticket t = toTicket(issue);
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
            boolean more = issues.size() > 0 && startAt + issues.size() < page.path("total").asInt();
            if (!fresh.isEmpty() || !more) {
                return new ChangePage(fresh, wm, more);
            }
            Instant moved = newest.truncatedTo(ChronoUnit.MINUTES);
            if (moved.isAfter(since)) {
                since = moved;
                startAt = 0;
            } else {
                startAt += issues.size();
            }
        }
    }

    private String pollJql(Instant since) {
        return (config.pollScope() == null || config.pollScope().isBlank() ? "" : "(" + config.pollScope() + ") AND ")
                + "updated >= \"" + JQL_MINUTE.format(since.atZone(config.jqlZone())) + "\" ORDER BY updated ASC, key ASC";
    }

    private JsonNode search(String jql, int startAt, int maxResults, List<String> fields) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("jql", jql).put("startAt", startAt).put("maxResults", maxResults);
        body.set("fields", Json.MAPPER.valueToTree(fields));
        // POST: long trigger queries do not fit a URL. Searching changes nothing, so it may be repeated.
        return Json.read(TYPE, "search", sendJson("search (" + jql + ")", "POST", API + "/search", body, Mode.IDEMPOTENT));
    }

    // ---- read -----------------------------------------------------------------------------------

    @Override
    public Ticket get(String key) {
        JsonNode issue = getJson("get issue " + key, path(key) + "?fields=*all");
        Ticket t = toTicket(issue);
        List<Comment> comments = new ArrayList<>();
        int startAt = 0;
        while (true) {
            JsonNode page = getJson("list comments of " + key, path(key) + "/comment?startAt=" + startAt + "&maxResults=100");
            JsonNode cs = page.path("comments");
            cs.forEach(c -> comments.add(toComment(c)));
            startAt += cs.size();
            if (cs.size() == 0 || startAt >= page.path("total").asInt()) {
                break;
            }
        }
        t.setComments(comments);
        List<Attachment> attachments = new ArrayList<>();
        issue.path("fields").path("attachment").forEach(a -> attachments.add(toAttachment(a)));
        t.setAttachments(attachments);
        return t;
    }

    @Override
    public Optional<Ticket> find(String key) {
        try {
            return Optional.of(get(key));
        } catch (TrackerException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Ticket toTicket(JsonNode issue) {
        JsonNode f = issue.path("fields");
        Ticket t = new Ticket();
        t.setKey(Json.text(issue, "key"));
        t.setId(Json.text(issue, "id"));
        t.setProjectKey(Json.text(f.path("project"), "key"));
        t.setSummary(Json.text(f, "summary"));
        t.setDescription(Json.text(f, "description"));
        if (f.hasNonNull("status")) t.setStatus(new Status(Json.text(f.get("status"), "id"), Json.text(f.get("status"), "name")));
        if (f.hasNonNull("priority")) t.setPriority(new Priority(Json.text(f.get("priority"), "id"), Json.text(f.get("priority"), "name")));
        if (f.hasNonNull("issuetype")) t.setType(new IssueType(Json.text(f.get("issuetype"), "id"), Json.text(f.get("issuetype"), "name")));
        List<Label> labels = new ArrayList<>();
        f.path("labels").forEach(l -> labels.add(new Label(l.asText())));
        t.setLabels(labels);
        t.setReporter(toUser(f.get("reporter")));
        t.setAssignee(toUser(f.get("assignee")));
        t.setCreated(Json.text(f, "created"));
        t.setUpdated(Json.text(f, "updated"));
        t.setDueDate(Json.text(f, "duedate"));
        f.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("customfield_") && !e.getValue().isNull()) {
                JsonNode v = e.getValue();
                Object value = v.isObject() && v.has("value") ? v.get("value").asText() : Json.MAPPER.convertValue(v, Object.class);
                t.getCustomFields().put(e.getKey(), new CustomField(e.getKey(), catalogue.fieldType(e.getKey()), value));
            }
        });
        if (f.hasNonNull("resolution")) {
            t.getAttributes().put("resolution", Json.text(f.get("resolution"), "name"));
        }
        return t;
    }

    static User toUser(JsonNode u) {
        if (u == null || u.isNull()) {
            return null;
        }
        String name = Json.text(u, "name");
        return new User(Json.text(u, "key") != null ? Json.text(u, "key") : name, Json.text(u, "displayName"),
                Json.text(u, "emailAddress"), name);
    }

    private Comment toComment(JsonNode c) {
        Comment comment = new Comment(Json.text(c, "id"), Json.text(c, "body"), toUser(c.get("author")), null);
        comment.setCreated(Json.text(c, "created"));
        comment.setUpdated(Json.text(c, "updated"));
        JsonNode v = c.get("visibility");
        comment.setInternal(v != null && !v.isNull());
        if (comment.isInternal()) {
            comment.getAttributes().put("visibility", Map.of("type", v.path("type").asText(), "value", v.path("value").asText()));
        }
        return comment;
    }

    private Attachment toAttachment(JsonNode a) {
        Attachment att = new Attachment(Json.text(a, "id"), Json.text(a, "filename"), Json.text(a, "mimeType"), a.path("size").asLong(), null);
        att.setCreated(Json.text(a, "created"));
        att.setAuthor(toUser(a.get("author")));
        att.getAttributes().put("url", Json.text(a, "content"));
        return att;
    }

    // ---- write ----------------------------------------------------------------------------------

    @Override
    public Ticket create(Ticket ticket, TwinMarker marker) {
        String project = ticket.getProjectKey() != null ? ticket.getProjectKey() : config.defaultProject();
        if (project == null) {
            throw new TrackerException(TYPE, Kind.VALIDATION, "jira: a new issue needs a project: set projectKey in the rules"
                    + " or a default project in the connection's Jira settings");
        }
        ObjectNode fields = Json.MAPPER.createObjectNode();
        fields.putObject("project").put("key", project);
        IssueType type = ticket.getType();
        fields.set("issuetype", ref(type != null ? type : IssueType.named(config.defaultIssueType())));
        fields.put("summary", ticket.getSummary());
        if (ticket.getDescription() != null) fields.put("description", ticket.getDescription());
        if (ticket.getPriority() != null) fields.set("priority", ref(ticket.getPriority()));
        Set<String> labels = new LinkedHashSet<>();
        ticket.getLabels().forEach(l -> labels.add(l.getLabel()));
        if (marker != null && config.twinMarkerProperty() == null) labels.add(marker.label());
        fields.set("labels", Json.MAPPER.valueToTree(labels));
        if (ticket.getAssignee() != null) fields.putObject("assignee").put("name", username(ticket.getAssignee()));
        if (ticket.getReporter() != null && ticket.getReporter().getUsername() != null) {
            fields.putObject("reporter").put("name", ticket.getReporter().getUsername());
        }
        if (ticket.getDueDate() != null) fields.put("duedate", ticket.getDueDate().atZone(ZoneOffset.UTC).toLocalDate().toString());
        ticket.getCustomFields().forEach((name, f) -> {
            if (f != null && f.getValue() != null) fields.set(name, customValue(name, f.getValue()));
        });
        ticket.getAttributes().forEach((k, v) -> fields.set(k, Json.MAPPER.valueToTree(v)));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("fields", fields);
        String key = createWithMarker(body, marker);
        if (marker != null && config.twinMarkerProperty() != null) {
            writeMarkerProperty(key, marker);
        }
        if (ticket.getStatus() != null) {
            Ticket now = toTicket(getJson("get issue " + key, path(key) + "?fields=status"));
            if (!sameValue(now.getStatus(), ticket.getStatus())) {
                transition(key, now.getStatus(), ticket.getStatus());
            }
        }
        return get(key);
    }

    private String createWithMarker(ObjectNode body, TwinMarker marker) {
        if (marker == null) {
            return Json.read(TYPE, "create issue", sendJson("create issue", "POST", API + "/issue", body, Mode.IDEMPOTENT)).path("key").asText();
        }
        // The create may have happened: the marker tells, instead of a second issue.
        return Ambiguity.resolve(TYPE, config.retry(), config.sleeper(),
                () -> Json.read(TYPE, "create issue", sendJson("create issue", "POST", API + "/issue", body, Mode.NOT_IDEMPOTENT))
                        .path("key").asText(),
                () -> findByTwinMarker(marker).map(Ticket::getKey));
    }

    /** Not atomic with the create (unlike the label): written right after it, and repeated safely. */
    private void writeMarkerProperty(String key, TwinMarker marker) {
        ObjectNode value = Json.MAPPER.createObjectNode().put("twinId", marker.value());
        sendJson("mark " + key + " as twin " + marker.twinId(), "PUT", path(key) + "/properties/" + enc(config.twinMarkerProperty()),
                value, Mode.IDEMPOTENT);
    }

    private static ObjectNode ref(NamedValue v) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        if (v.getId() != null) {
            o.put("id", v.getId());
        } else {
            o.put("name", v.getName());
        }
        return o;
    }

    private static boolean sameValue(NamedValue current, NamedValue wanted) {
        if (current == null) {
            return false;
        }
        if (wanted.getId() != null) {
            return wanted.getId().equals(current.getId());
        }
        return wanted.getName() != null && wanted.getName().equalsIgnoreCase(current.getName());
    }

    private String username(User u) {
        if (u.getUsername() != null) {
            return u.getUsername();
        }
        if (u.getEmail() != null) {
            return catalogue.userByEmail(u.getEmail()).map(User::getUsername).orElseThrow(() ->
                    new TrackerException(TYPE, Kind.VALIDATION, "jira: no user with e-mail " + u.getEmail()));
        }
        return u.getKey();
    }

    private JsonNode customValue(String field, Object value) {
        if ("option".equals(catalogue.fieldType(field)) && !(value instanceof Map)) {
            return Json.MAPPER.createObjectNode().put("value", String.valueOf(value));
        }
        return Json.MAPPER.valueToTree(value);
    }

    @Override
    public Ticket update(String key, TicketUpdate update) {
        ObjectNode fields = Json.MAPPER.createObjectNode();
        ObjectNode verbs = Json.MAPPER.createObjectNode();
        if (update.has(TicketUpdate.SUMMARY)) fields.put("summary", (String) update.get(TicketUpdate.SUMMARY));
        if (update.has(TicketUpdate.DESCRIPTION)) fields.put("description", (String) update.get(TicketUpdate.DESCRIPTION));
        if (update.has(TicketUpdate.PRIORITY) && update.get(TicketUpdate.PRIORITY) != null) {
            fields.set("priority", ref(update.get(TicketUpdate.PRIORITY)));
        }
        if (update.has(TicketUpdate.TYPE) && update.get(TicketUpdate.TYPE) != null) {
            fields.set("issuetype", ref(update.get(TicketUpdate.TYPE)));
        }
        if (update.has(TicketUpdate.ASSIGNEE)) {
            User u = update.get(TicketUpdate.ASSIGNEE);
            if (u == null) {
                fields.putNull("assignee");
            } else {
                fields.putObject("assignee").put("name", username(u));
            }
        }
        if (update.has(TicketUpdate.REPORTER) && update.get(TicketUpdate.REPORTER) != null) {
            fields.putObject("reporter").put("name", username(update.get(TicketUpdate.REPORTER)));
        }
        if (update.has(TicketUpdate.DUE_DATE)) {
            Instant due = update.get(TicketUpdate.DUE_DATE);
            fields.put("duedate", due == null ? null : due.atZone(ZoneOffset.UTC).toLocalDate().toString());
        }
        update.customFields().forEach((k, v) -> fields.set(k, v == null ? Json.MAPPER.nullNode() : customValue(k, v)));
        update.attributes().forEach((k, v) -> fields.set(k, Json.MAPPER.valueToTree(v)));
        Ticket current = null;
        if (update.has(TicketUpdate.LABELS) || update.has(TicketUpdate.STATUS)) {
            current = toTicket(getJson("get issue " + key, path(key) + "?fields=labels,status"));
        }
        if (update.has(TicketUpdate.LABELS)) {
            // add/remove verbs touch only what changed and leave the twin marker alone
            Set<Label> wanted = update.get(TicketUpdate.LABELS);
            ArrayNode ops = Json.MAPPER.createArrayNode();
            for (Label l : wanted) {
                if (!current.getLabels().contains(l)) ops.addObject().put("add", l.getLabel());
            }
            for (Label l : current.getLabels()) {
                if (!wanted.contains(l) && !TwinMarker.isMarker(l.getLabel())) ops.addObject().put("remove", l.getLabel());
            }
            if (!ops.isEmpty()) verbs.set("labels", ops);
        }
        if (!fields.isEmpty() || !verbs.isEmpty()) {
            ObjectNode body = Json.MAPPER.createObjectNode();
            if (!fields.isEmpty()) body.set("fields", fields);
            if (!verbs.isEmpty()) body.set("update", verbs);
            sendJson("edit issue " + key, "PUT", path(key), body, Mode.IDEMPOTENT);
        }
        Status wanted = update.has(TicketUpdate.STATUS) ? update.get(TicketUpdate.STATUS) : null;
        if (wanted != null && !sameValue(current.getStatus(), wanted)) {
            transition(key, current.getStatus(), wanted);
        }
        return get(key);
    }

    /** Runs the available transition that leads to the wanted status; fills a required resolution. */
    private void transition(String key, Status from, Status to) {
        JsonNode available = getJson("list transitions of " + key, path(key) + "/transitions?expand=transitions.fields");
        JsonNode chosen = null;
        List<String> offered = new ArrayList<>();
        for (JsonNode t : available.path("transitions")) {
            JsonNode target = t.path("to");
            offered.add(t.path("name").asText() + " → " + target.path("name").asText());
            boolean match = to.getId() != null ? to.getId().equals(Json.text(target, "id"))
                    : to.getName() != null && to.getName().equalsIgnoreCase(Json.text(target, "name"));
            if (match && chosen == null) {
                chosen = t;
            }
        }
        if (chosen == null) {
            throw new TrackerException(TYPE, Kind.CONFLICT, "jira: issue " + key + " cannot move from '" + from + "' to '" + to
                    + "': the workflow offers no such transition now (available: " + offered + ")");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("transition").put("id", chosen.path("id").asText());
        ObjectNode fields = Json.MAPPER.createObjectNode();
        chosen.path("fields").fields().forEachRemaining(e -> {
            JsonNode meta = e.getValue();
            if (meta.path("required").asBoolean(false)) {
                JsonNode allowed = meta.path("allowedValues");
                if (allowed.size() > 0 && allowed.get(0).has("name")) {
                    fields.set(e.getKey(), Json.MAPPER.createObjectNode().put("name", allowed.get(0).path("name").asText()));
                } else if (!meta.path("hasDefaultValue").asBoolean(false)) {
                    throw new TrackerException(TYPE, Kind.CONFLICT, "jira: the transition to '" + to + "' of " + key
                            + " requires field '" + e.getKey() + "', which sync cannot fill");
                }
            }
        });
        if (!fields.isEmpty()) body.set("fields", fields);
        sendJson("transition " + key + " to " + to, "POST", path(key) + "/transitions", body, Mode.IDEMPOTENT);
    }

    @Override
    public Comment addComment(String key, Comment comment) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("body", comment.getBody());
        if (comment.isInternal()) {
            body.putObject("visibility").put("type", config.internalVisibilityType()).put("value", config.internalVisibilityValue());
        }
        // A comment whose outcome is unknown is looked for (same body and restriction) before it is sent again.
        return Ambiguity.resolve(TYPE, config.retry(), config.sleeper(),
                () -> toComment(Json.read(TYPE, "add comment", sendJson("add comment to " + key, "POST", path(key) + "/comment", body,
                        Mode.NOT_IDEMPOTENT))),
                () -> get(key).getComments().stream()
                        .filter(c -> c.isInternal() == comment.isInternal() && java.util.Objects.equals(c.getBody(), comment.getBody()))
                        .reduce((a, b) -> b));
    }

    @Override
    public Comment editComment(String key, Comment comment) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("body", comment.getBody());
        if (comment.isInternal()) {
            body.putObject("visibility").put("type", config.internalVisibilityType()).put("value", config.internalVisibilityValue());
        }
        return toComment(Json.read(TYPE, "edit comment", sendJson("edit comment " + comment.getId() + " of " + key, "PUT",
                path(key) + "/comment/" + enc(comment.getId()), body, Mode.IDEMPOTENT)));
    }

    @Override
    public void deleteComment(String key, String commentId) {
        http.send("delete comment " + commentId + " of " + key, request(path(key) + "/comment/" + enc(commentId)).DELETE().build(), Mode.IDEMPOTENT);
    }

    @Override
    public Attachment addAttachment(String key, String filename, String mimeType, byte[] content) {
        Multipart mp = new Multipart().file("file", filename, mimeType, content);
        HttpRequest req = request(path(key) + "/attachments").header("Content-Type", mp.contentType())
                .header("X-Atlassian-Token", "no-check").POST(mp.publisher()).build();
        JsonNode arr = Json.read(TYPE, "upload attachment", http.send("upload attachment to " + key, req, Mode.IDEMPOTENT));
        if (!arr.isArray() || arr.isEmpty()) {
            throw new TrackerException(TYPE, Kind.BAD_RESPONSE, "jira: upload to " + key + " answered no attachment");
        }
        return toAttachment(arr.get(0));
    }

    @Override
    public byte[] downloadAttachment(String key, Attachment attachment) {
        String url = (String) attachment.getAttributes().get("url");
        if (url == null) {
            url = Json.text(getJson("read attachment " + attachment.getId(), API + "/attachment/" + enc(attachment.getId())), "content");
        }
        // Jira serves attachment content with the same credentials as the API.
        return http.send("download attachment " + attachment.getId(), request(url).GET().build(), Mode.IDEMPOTENT).body();
    }

    @Override
    public void deleteAttachment(String key, String attachmentId) {
        http.send("delete attachment " + attachmentId, request(API + "/attachment/" + enc(attachmentId)).DELETE().build(), Mode.IDEMPOTENT);
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
    public List<Ticket> search(String jql) {
        List<Ticket> out = new ArrayList<>();
        int startAt = 0;
        while (true) {
            JsonNode page = search(jql, startAt, config.pageSize(), List.of("*navigable"));
            JsonNode issues = page.path("issues");
            issues.forEach(i -> out.add(toTicket(i)));
            startAt += issues.size();
            if (issues.size() == 0 || startAt >= page.path("total").asInt()) {
                return out;
            }
        }
    }

    @Override
    public Optional<Ticket> findByTwinMarker(TwinMarker marker) {
        String clause = config.twinMarkerProperty() == null ? "labels = \"" + marker.label() + "\""
                : "issue.property[" + config.twinMarkerProperty() + "].twinId = \"" + marker.value() + "\"";
        List<Ticket> hits = search(clause + " ORDER BY key ASC");
        return hits.stream().findFirst().map(t -> get(t.getKey()));
    }

    @Override
    public void close() {
        // The JDK client holds no resources that need closing on Java 17.
    }
}
