package io.twinline.simulator.jira;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stateful Jira Data Center REST API v2 under {@code /rest/api/2} (and {@code /rest/api/latest}).
 * Behaviour follows {@code shared/reference/jira-dc-api-v2.md} §11; the README lists what is simulated.
 */
public final class JiraApi extends SimApi {

    public static final String TOKEN = "demo-token";
    public static final long DEFAULT_UPLOAD_LIMIT = 10_485_760L;
    private static final List<String> PREFIXES = List.of("/rest/api/2", "/rest/api/latest");
    private static final String NOT_FOUND = "Issue does not exist or you do not have permission to see it.";
    private static final int SEARCH_MAX = 1000;

    // ---- catalogue ------------------------------------------------------------------------------

    record User(String name, String displayName, String email) {
    }

    record Status(String id, String name, int categoryId) {
    }

    record Transition(String id, String name, String from, String to, boolean resolutionOnScreen) {
    }

    record Project(String id, String key, String name) {
    }

    record NamedId(String id, String name) {
    }

    record CustomField(String id, String name, String type, List<String> options) {
    }

    static final class Issue {
        String id;
        String key;
        Project project;
        NamedId issueType;
        String summary;
        String description;
        Status status;
        NamedId priority;
        String resolution;
        Instant resolutionDate;
        List<String> labels = new ArrayList<>();
        String assignee;
        String reporter;
        String creator;
        LocalDate dueDate;
        Map<String, JsonNode> custom = new LinkedHashMap<>();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        Instant created;
        Instant updated;
    }

    static final class Comment {
        String id;
        String issueId;
        String author;
        String updateAuthor;
        String body;
        JsonNode visibility;
        Instant created;
        Instant updated;
    }

    static final class Attachment {
        String id;
        String issueId;
        String filename;
        String author;
        String mimeType;
        byte[] bytes;
        Instant created;
    }

    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, Status> statuses = new LinkedHashMap<>();
    private final List<Transition> transitions = new ArrayList<>();
    private final Map<String, Project> projects = new LinkedHashMap<>();
    private final List<NamedId> issueTypes = new ArrayList<>();
    private final List<NamedId> priorities = new ArrayList<>();
    private final List<NamedId> resolutions = new ArrayList<>();
    private final List<CustomField> customFields = new ArrayList<>();
    private final Map<String, Issue> issues = new LinkedHashMap<>();
    private final Map<String, Comment> comments = new LinkedHashMap<>();
    private final Map<String, Attachment> attachments = new LinkedHashMap<>();
    private final Map<String, Integer> keyCounters = new HashMap<>();
    private final Map<String, Integer> failedLogins = new HashMap<>();
    private final JiraRateLimit rateLimit = new JiraRateLimit();
    private long nextIssueId;
    private long nextCommentId;
    private long nextAttachmentId;
    private long uploadLimit;
    private int captchaThreshold;
    private String baseUrl = "http://127.0.0.1";

    public JiraApi(SimClock clock, Counters counters) {
        super("jira", clock, counters);
        reset();
    }

    @Override
    public synchronized void reset() {
        users.clear();
        passwords.clear();
        statuses.clear();
        transitions.clear();
        projects.clear();
        issueTypes.clear();
        priorities.clear();
        resolutions.clear();
        customFields.clear();
        issues.clear();
        comments.clear();
        attachments.clear();
        keyCounters.clear();
        failedLogins.clear();
        rateLimit.reset();
        faults.reset();
        nextIssueId = 10000;
        nextCommentId = 20000;
        nextAttachmentId = 30000;
        uploadLimit = DEFAULT_UPLOAD_LIMIT;
        captchaThreshold = 3;
        users.put("admin", new User("admin", "Administrator", "admin@jira.example"));
        users.put("jdoe", new User("jdoe", "John Doe", "jdoe@jira.example"));
        passwords.put("admin", "admin");
        passwords.put("jdoe", "jdoe");
        statuses.put("1", new Status("1", "Open", 2));
        statuses.put("3", new Status("3", "In Progress", 4));
        statuses.put("4", new Status("4", "Reopened", 2));
        statuses.put("5", new Status("5", "Resolved", 3));
        statuses.put("6", new Status("6", "Closed", 3));
        // The classic Jira workflow.
        for (String from : List.of("1", "4")) {
            transitions.add(new Transition("4", "Start Progress", from, "3", false));
            transitions.add(new Transition("5", "Resolve Issue", from, "5", true));
            transitions.add(new Transition("2", "Close Issue", from, "6", true));
        }
        transitions.add(new Transition("301", "Stop Progress", "3", "1", false));
        transitions.add(new Transition("5", "Resolve Issue", "3", "5", true));
        transitions.add(new Transition("2", "Close Issue", "3", "6", true));
        transitions.add(new Transition("701", "Close Issue", "5", "6", false));
        transitions.add(new Transition("3", "Reopen Issue", "5", "4", false));
        transitions.add(new Transition("3", "Reopen Issue", "6", "4", false));
        projects.put("TEST", new Project("10000", "TEST", "Test project"));
        projects.put("OPS", new Project("10001", "OPS", "Operations"));
        issueTypes.addAll(List.of(new NamedId("1", "Bug"), new NamedId("3", "Task"), new NamedId("10001", "Story")));
        priorities.addAll(List.of(new NamedId("1", "Highest"), new NamedId("2", "High"), new NamedId("3", "Medium"),
                new NamedId("4", "Low"), new NamedId("5", "Lowest")));
        resolutions.addAll(List.of(new NamedId("1", "Fixed"), new NamedId("2", "Won't Fix"), new NamedId("3", "Duplicate"),
                new NamedId("10000", "Done")));
        customFields.add(new CustomField("customfield_10100", "Twin ID", "string", null));
        customFields.add(new CustomField("customfield_10200", "Sector", "option", List.of("finance", "retail", "public")));
        customFields.add(new CustomField("customfield_10300", "Order number", "string", null));
        Instant now = now();
        seed("TEST", "1", "Login page throws 500", "Steps: open /login", "3", List.of("backend"), "1", now.minus(Duration.ofDays(3)));
        seed("TEST", "3", "Update TLS certificates", null, "2", List.of("ops", "security"), "3", now.minus(Duration.ofDays(2)));
        seed("OPS", "3", "Rotate backup tapes", "Weekly rotation", "4", List.of(), "1", now.minus(Duration.ofHours(5)));
    }

    private void seed(String project, String type, String summary, String description, String priority,
                      List<String> labels, String status, Instant at) {
        Issue i = newIssue(projects.get(project));
        i.issueType = issueTypes.stream().filter(t -> t.id().equals(type)).findFirst().orElseThrow();
        i.summary = summary;
        i.description = description;
        i.priority = priorities.stream().filter(p -> p.id().equals(priority)).findFirst().orElseThrow();
        i.labels.addAll(labels);
        i.status = statuses.get(status);
        i.reporter = "admin";
        i.creator = "admin";
        i.created = JiraTime.truncate(at);
        i.updated = i.created;
        issues.put(i.id, i);
    }

    private Issue newIssue(Project p) {
        Issue i = new Issue();
        i.id = String.valueOf(nextIssueId++);
        i.project = p;
        i.key = p.key() + "-" + keyCounters.merge(p.key(), 1, Integer::sum);
        return i;
    }

    private Instant now() {
        return JiraTime.truncate(clock.instant());
    }

    // ---- test and admin hooks -------------------------------------------------------------------

    /** Sets an issue's {@code updated} time (tests of identical timestamps and page boundaries). */
    public synchronized void setUpdated(String idOrKey, Instant at) {
        Issue i = find(idOrKey);
        if (i == null) {
            throw new IllegalArgumentException("no issue " + idOrKey);
        }
        i.updated = JiraTime.truncate(at);
    }

    public synchronized void configureRateLimit(JsonNode cfg) {
        rateLimit.configure(cfg);
    }

    public synchronized ObjectNode rateLimitJson() {
        return rateLimit.toJson();
    }

    /** Sets the attachment size limit in bytes. */
    public synchronized void setUploadLimit(long bytes) {
        this.uploadLimit = bytes;
    }

    /** Consecutive failed Basic logins before the CAPTCHA lock-out (0 = never). */
    public synchronized void setCaptchaThreshold(int n) {
        this.captchaThreshold = n;
    }

    /** What an administrator does to lift a CAPTCHA lock-out. */
    public synchronized void resetFailedLogins() {
        failedLogins.clear();
    }

    public synchronized ObjectNode settingsJson() {
        ObjectNode o = Json.object();
        o.put("uploadLimit", uploadLimit).put("captchaThreshold", captchaThreshold);
        ObjectNode f = o.putObject("failedLogins");
        failedLogins.forEach(f::put);
        return o;
    }

    public synchronized void setPublicBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    // ---- pipeline -------------------------------------------------------------------------------

    @Override
    public boolean owns(String path) {
        return path.startsWith("/rest/") || path.startsWith("/secure/");
    }

    @Override
    protected boolean authenticate(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        if (auth == null || auth.isBlank()) {
            sendError(ctx, 401, null, "You are not authenticated. Authentication required to perform this operation.");
            return false;
        }
        if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (TOKEN.equals(auth.substring(7).trim())) {
                ctx.put("user", "admin");
                return true;
            }
            ctx.response().putHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED");
            sendError(ctx, 401, null, "You are not authenticated. Authentication required to perform this operation.");
            return false;
        }
        if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            String user;
            String password;
            try {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                user = colon < 0 ? decoded : decoded.substring(0, colon);
                password = colon < 0 ? "" : decoded.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                user = "";
                password = null;
            }
            synchronized (this) {
                if (captchaThreshold > 0 && failedLogins.getOrDefault(user, 0) >= captchaThreshold) {
                    // Locked out: the password is not even checked, and the answer is not JSON.
                    ctx.response().setStatusCode(403)
                            .putHeader("X-Seraph-LoginReason", "AUTHENTICATION_DENIED")
                            .putHeader("X-Authentication-Denied-Reason", "CAPTCHA_CHALLENGE; login-url=" + baseUrl + "/login.jsp")
                            .putHeader("Content-Type", "text/html;charset=UTF-8")
                            .end("<html><body><h1>Forbidden</h1><p>CAPTCHA required: log in through the web UI.</p></body></html>");
                    return false;
                }
                if (password != null && password.equals(passwords.get(user))) {
                    failedLogins.remove(user);
                    ctx.put("user", user);
                    return true;
                }
                failedLogins.merge(user, 1, Integer::sum);
            }
            ctx.response().putHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED");
            sendError(ctx, 401, null, "You are not authenticated. Authentication required to perform this operation.");
            return false;
        }
        sendError(ctx, 401, null, "You are not authenticated. Authentication required to perform this operation.");
        return false;
    }

    @Override
    protected boolean chargeBudget(RoutingContext ctx, String endpoint) {
        String user = ctx.get("user");
        if (!rateLimit.enabledFor(user)) {
            return true;
        }
        JiraRateLimit.Result r = rateLimit.take(user, clock.instant());
        ctx.response().putHeader("X-RateLimit-Limit", String.valueOf(r.capacity()))
                .putHeader("X-RateLimit-Remaining", String.valueOf(r.remaining()))
                .putHeader("X-RateLimit-Interval-Seconds", String.valueOf(r.intervalSeconds()))
                .putHeader("X-RateLimit-FillRate", String.valueOf(r.fillRate()))
                .putHeader("retry-after", String.valueOf(r.retryAfter()));
        if (!r.allowed()) {
            sendError(ctx, 429, null, "Rate limit exceeded.");
            return false;
        }
        return true;
    }

    @Override
    protected void sendInjectedTooMany(RoutingContext ctx, int retryAfterSeconds) {
        ctx.response().putHeader("retry-after", String.valueOf(retryAfterSeconds));
        sendError(ctx, 429, null, "Rate limit exceeded.");
    }

    @Override
    public void sendError(RoutingContext ctx, int status, String code, String message) {
        ObjectNode body = Json.object();
        body.putArray("errorMessages").add(message);
        body.putObject("errors");
        Json.send(ctx, status, body);
    }

    @Override
    protected void sendApiError(RoutingContext ctx, ApiError e) {
        ObjectNode body = Json.object();
        ArrayNode messages = body.putArray("errorMessages");
        ObjectNode errors = body.putObject("errors");
        if (e.fieldErrors.isEmpty()) {
            messages.add(e.getMessage());
        } else {
            e.fieldErrors.forEach(fe -> errors.put(fe.field(), fe.message()));
        }
        Json.send(ctx, e.status, body);
    }

    private static ApiError fieldError(Map<String, String> errors) {
        return new ApiError(400, "Validation failed", errors.entrySet().stream()
                .map(en -> new FieldError(en.getKey(), en.getValue(), "invalid")).toList());
    }

    // ---- routes ---------------------------------------------------------------------------------

    @Override
    public void mount(Vertx vertx, Router router) {
        this.vertx = vertx;
        for (String p : PREFIXES) {
            route(router, HttpMethod.POST, p + "/issue", this::createIssue);
            route(router, HttpMethod.GET, p + "/issue/createmeta", this::createMeta);
            route(router, HttpMethod.GET, p + "/issue/:key", this::getIssue);
            route(router, HttpMethod.PUT, p + "/issue/:key", this::editIssue);
            route(router, HttpMethod.DELETE, p + "/issue/:key", this::deleteIssue);
            route(router, HttpMethod.GET, p + "/issue/:key/editmeta", this::editMeta);
            route(router, HttpMethod.PUT, p + "/issue/:key/assignee", this::assign);
            route(router, HttpMethod.GET, p + "/issue/:key/transitions", this::getTransitions);
            route(router, HttpMethod.POST, p + "/issue/:key/transitions", this::doTransition);
            route(router, HttpMethod.GET, p + "/issue/:key/comment", this::listComments);
            route(router, HttpMethod.POST, p + "/issue/:key/comment", this::addComment);
            route(router, HttpMethod.GET, p + "/issue/:key/comment/:cid", this::getComment);
            route(router, HttpMethod.PUT, p + "/issue/:key/comment/:cid", this::updateComment);
            route(router, HttpMethod.DELETE, p + "/issue/:key/comment/:cid", this::deleteComment);
            route(router, HttpMethod.POST, p + "/issue/:key/attachments", this::addAttachments);
            route(router, HttpMethod.GET, p + "/issue/:key/properties", this::listProperties);
            route(router, HttpMethod.GET, p + "/issue/:key/properties/:prop", this::getProperty);
            route(router, HttpMethod.PUT, p + "/issue/:key/properties/:prop", this::putProperty);
            route(router, HttpMethod.DELETE, p + "/issue/:key/properties/:prop", this::deleteProperty);
            route(router, HttpMethod.GET, p + "/attachment/meta", this::attachmentMeta);
            route(router, HttpMethod.GET, p + "/attachment/:id", this::getAttachment);
            route(router, HttpMethod.DELETE, p + "/attachment/:id", this::deleteAttachment);
            route(router, HttpMethod.GET, p + "/search", this::searchGet);
            route(router, HttpMethod.POST, p + "/search", this::searchPost);
            route(router, HttpMethod.GET, p + "/field", this::fields);
            route(router, HttpMethod.GET, p + "/priority", ctx -> Json.send(ctx, 200, namedList(priorities, "priority")));
            route(router, HttpMethod.GET, p + "/resolution", ctx -> Json.send(ctx, 200, namedList(resolutions, "resolution")));
            route(router, HttpMethod.GET, p + "/issuetype", ctx -> Json.send(ctx, 200, issueTypeList()));
            route(router, HttpMethod.GET, p + "/status", this::statusList);
            route(router, HttpMethod.GET, p + "/project", this::projectList);
            route(router, HttpMethod.GET, p + "/project/:key", this::getProject);
            route(router, HttpMethod.GET, p + "/user", this::getUser);
            route(router, HttpMethod.GET, p + "/user/search", this::searchUsers);
            route(router, HttpMethod.GET, p + "/myself", ctx -> Json.send(ctx, 200, userJson(ctx.get("user"))));
            route(router, HttpMethod.GET, p + "/serverInfo", this::serverInfo);
        }
        route(router, HttpMethod.GET, "/secure/attachment/:id/:filename", this::downloadAttachment);
    }

    // ---- issues ---------------------------------------------------------------------------------

    private synchronized void createIssue(RoutingContext ctx) {
        JsonNode body = jsonBody(ctx);
        JsonNode fields = body.get("fields");
        if (fields == null || !fields.isObject()) {
            throw new ApiError(400, null, "Issue must contain 'fields'.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Project project = null;
        JsonNode p = fields.get("project");
        if (p == null || p.isNull()) {
            errors.put("project", "project is required");
        } else {
            String key = Json.text(p, "key");
            String id = Json.text(p, "id");
            project = projects.values().stream().filter(x -> x.key().equals(key) || x.id().equals(id)).findFirst().orElse(null);
            if (project == null) {
                errors.put("project", "valid project is required");
            }
        }
        NamedId type = null;
        JsonNode t = fields.get("issuetype");
        if (t == null || t.isNull()) {
            errors.put("issuetype", "issue type is required");
        } else {
            type = byNameOrId(issueTypes, t);
            if (type == null) {
                errors.put("issuetype", "The issue type selected is invalid.");
            }
        }
        if (!fields.hasNonNull("summary") || fields.get("summary").asText().isBlank()) {
            errors.put("summary", "Summary is required");
        }
        Issue draft = new Issue();
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        fields.fields().forEachRemaining(e -> {
            if (!Set.of("project", "issuetype").contains(e.getKey()) && !(e.getKey().equals("summary") && errors.containsKey("summary"))) {
                setField(draft, e.getKey(), e.getValue(), fieldErrors);
            }
        });
        errors.putAll(fieldErrors);
        if (body.has("update") && body.get("update").isObject()) {
            applyUpdate(draft, body.get("update"), errors, true);
        }
        if (!errors.isEmpty()) {
            throw fieldError(errors);
        }
        Issue i = newIssue(project);
        i.issueType = type;
        i.summary = draft.summary;
        i.description = draft.description;
        i.priority = draft.priority != null ? draft.priority : priorities.get(2);
        i.labels = draft.labels;
        i.assignee = draft.assignee;
        i.reporter = draft.reporter != null ? draft.reporter : ctx.get("user");
        i.creator = ctx.get("user");
        i.dueDate = draft.dueDate;
        i.custom = draft.custom;
        i.status = statuses.get("1");
        i.created = now();
        i.updated = i.created;
        issues.put(i.id, i);
        draftComments(draft, i, ctx.get("user"));
        ObjectNode out = Json.object();
        out.put("id", i.id).put("key", i.key).put("self", baseUrl + "/rest/api/2/issue/" + i.id);
        Json.send(ctx, 201, out);
    }

    private final Map<Issue, List<String>> pendingComments = new HashMap<>();

    private void draftComments(Issue draft, Issue target, String author) {
        List<String> bodies = pendingComments.remove(draft);
        if (bodies != null) {
            for (String b : bodies) {
                newComment(target, b, null, author);
            }
        }
    }

    /** Writes one field from {@code fields}; collects errors keyed by field id. */
    private void setField(Issue i, String field, JsonNode v, Map<String, String> errors) {
        switch (field) {
            case "summary" -> {
                if (!v.isTextual() || v.asText().isBlank()) {
                    errors.put("summary", "Summary is required");
                } else if (v.asText().length() > 255) {
                    errors.put("summary", "Summary must be less than 255 characters.");
                } else {
                    i.summary = v.asText();
                }
            }
            case "description" -> i.description = v.isNull() ? null : v.asText();
            case "priority" -> {
                NamedId pr = v.isNull() ? null : byNameOrId(priorities, v);
                if (pr == null) {
                    errors.put("priority", "Priority name '" + (v.isObject() ? Json.text(v, "name") : v.asText()) + "' is not valid");
                } else {
                    i.priority = pr;
                }
            }
            case "labels" -> {
                if (!v.isArray()) {
                    errors.put("labels", "data was not an array");
                } else {
                    List<String> ls = new ArrayList<>();
                    for (JsonNode l : v) {
                        String label = l.asText();
                        if (label.contains(" ")) {
                            errors.put("labels", "The label '" + label + "' contains spaces which is invalid.");
                        }
                        ls.add(label);
                    }
                    i.labels = new ArrayList<>(new LinkedHashSet<>(ls));
                }
            }
            case "assignee", "reporter" -> {
                String name = v.isNull() ? null : Json.text(v, "name");
                if (name != null && !users.containsKey(name)) {
                    errors.put(field, "User '" + name + "' does not exist.");
                } else if (field.equals("assignee")) {
                    i.assignee = name;
                } else {
                    i.reporter = name;
                }
            }
            case "duedate" -> {
                if (v.isNull()) {
                    i.dueDate = null;
                } else {
                    try {
                        i.dueDate = LocalDate.parse(v.asText());
                    } catch (RuntimeException e) {
                        errors.put("duedate", "Error parsing date string: " + v.asText());
                    }
                }
            }
            default -> {
                CustomField cf = customFields.stream().filter(c -> c.id().equals(field)).findFirst().orElse(null);
                if (cf == null) {
                    errors.put(field, "Field '" + field + "' cannot be set. It is not on the appropriate screen, or unknown.");
                } else if (v.isNull()) {
                    i.custom.remove(field);
                } else if (cf.options() != null) {
                    String value = v.isObject() ? Json.text(v, "value") : null;
                    if (value == null || !cf.options().contains(value)) {
                        errors.put(field, "Option value '" + (value == null ? v.toString() : value) + "' is not valid");
                    } else {
                        i.custom.put(field, v);
                    }
                } else if (!v.isValueNode()) {
                    errors.put(field, "Operation value must be a string");
                } else {
                    i.custom.put(field, v);
                }
            }
        }
    }

    private void applyUpdate(Issue i, JsonNode update, Map<String, String> errors, boolean creating) {
        update.fields().forEachRemaining(e -> {
            String field = e.getKey();
            if (!e.getValue().isArray()) {
                errors.put(field, "Operations must be an array");
                return;
            }
            for (JsonNode op : e.getValue()) {
                op.fields().forEachRemaining(verb -> {
                    String name = verb.getKey();
                    JsonNode value = verb.getValue();
                    if (field.equals("comment")) {
                        if (name.equals("add") && value.hasNonNull("body")) {
                            pendingComments.computeIfAbsent(i, k -> new ArrayList<>()).add(value.get("body").asText());
                        } else {
                            errors.put("comment", "Only 'add' with a body is supported for comments here");
                        }
                    } else if (field.equals("labels")) {
                        switch (name) {
                            case "add" -> {
                                if (value.asText().contains(" ")) {
                                    errors.put("labels", "The label '" + value.asText() + "' contains spaces which is invalid.");
                                } else if (!i.labels.contains(value.asText())) {
                                    i.labels.add(value.asText());
                                }
                            }
                            case "remove" -> i.labels.remove(value.asText());
                            case "set" -> setField(i, "labels", value, errors);
                            default -> errors.put("labels", "Unsupported operation '" + name + "'");
                        }
                    } else if (name.equals("set")) {
                        if (field.equals("status")) {
                            errors.put(field, "Field 'status' cannot be set. It is not on the appropriate screen, or unknown.");
                        } else {
                            setField(i, field, value, errors);
                        }
                    } else {
                        errors.put(field, "Field '" + field + "' does not support operation '" + name + "'");
                    }
                });
            }
        });
    }

    private synchronized void getIssue(RoutingContext ctx) {
        Issue i = issue(ctx);
        String fields = ctx.queryParams().get("fields");
        String expand = ctx.queryParams().get("expand");
        ObjectNode out = issueJson(i, fields == null ? "*all" : fields);
        if (expand != null && expand.contains("transitions")) {
            ArrayNode ts = out.putArray("transitions");
            available(i).forEach(t -> ts.add(transitionJson(t, false)));
        }
        if (expand != null && expand.contains("names")) {
            ObjectNode names = out.putObject("names");
            fieldCatalogue().forEach(f -> names.put(f.get("id").asText(), f.get("name").asText()));
        }
        Json.send(ctx, 200, out);
    }

    private synchronized void editIssue(RoutingContext ctx) {
        Issue i = issue(ctx);
        JsonNode body = jsonBody(ctx);
        JsonNode fields = body.get("fields");
        JsonNode update = body.get("update");
        Map<String, String> errors = new LinkedHashMap<>();
        // Work on a copy: an edit with any error changes nothing.
        Issue copy = copyOf(i);
        if (fields != null && fields.isObject()) {
            fields.fields().forEachRemaining(e -> {
                if (update != null && update.has(e.getKey())) {
                    errors.put(e.getKey(), "Field '" + e.getKey() + "' cannot be set in both 'fields' and 'update'.");
                } else if (Set.of("status", "project", "created", "updated", "comment", "attachment", "resolution").contains(e.getKey())) {
                    if (!e.getKey().equals("comment")) {
                        errors.put(e.getKey(), "Field '" + e.getKey() + "' cannot be set. It is not on the appropriate screen, or unknown.");
                    }
                } else if (e.getKey().equals("issuetype")) {
                    NamedId type = byNameOrId(issueTypes, e.getValue());
                    if (type == null) {
                        errors.put("issuetype", "The issue type selected is invalid.");
                    } else {
                        copy.issueType = type;
                    }
                } else {
                    setField(copy, e.getKey(), e.getValue(), errors);
                }
            });
        }
        if (update != null && update.isObject()) {
            applyUpdate(copy, update, errors, false);
        }
        if (!errors.isEmpty()) {
            pendingComments.remove(copy);
            throw fieldError(errors);
        }
        i.summary = copy.summary;
        i.description = copy.description;
        i.priority = copy.priority;
        i.labels = copy.labels;
        i.assignee = copy.assignee;
        i.reporter = copy.reporter;
        i.dueDate = copy.dueDate;
        i.custom = copy.custom;
        i.issueType = copy.issueType;
        i.updated = now();
        draftComments(copy, i, ctx.get("user"));
        ctx.response().setStatusCode(204).end();
    }

    private static Issue copyOf(Issue i) {
        Issue c = new Issue();
        c.summary = i.summary;
        c.description = i.description;
        c.priority = i.priority;
        c.labels = new ArrayList<>(i.labels);
        c.assignee = i.assignee;
        c.reporter = i.reporter;
        c.dueDate = i.dueDate;
        c.custom = new LinkedHashMap<>(i.custom);
        c.issueType = i.issueType;
        return c;
    }

    private synchronized void deleteIssue(RoutingContext ctx) {
        Issue i = issue(ctx);
        issues.remove(i.id);
        comments.values().removeIf(c -> c.issueId.equals(i.id));
        attachments.values().removeIf(a -> a.issueId.equals(i.id));
        ctx.response().setStatusCode(204).end();
    }

    private synchronized void assign(RoutingContext ctx) {
        Issue i = issue(ctx);
        JsonNode body = jsonBody(ctx);
        String name = Json.text(body, "name");
        if (name != null && !name.equals("-1") && !users.containsKey(name)) {
            throw fieldError(Map.of("assignee", "User '" + name + "' does not exist."));
        }
        i.assignee = "-1".equals(name) ? null : name;
        i.updated = now();
        ctx.response().setStatusCode(204).end();
    }

    private Issue find(String idOrKey) {
        Issue i = issues.get(idOrKey);
        if (i != null) {
            return i;
        }
        return issues.values().stream().filter(x -> x.key.equalsIgnoreCase(idOrKey)).findFirst().orElse(null);
    }

    private Issue issue(RoutingContext ctx) {
        Issue i = find(ctx.pathParam("key"));
        if (i == null) {
            throw new ApiError(404, null, NOT_FOUND);
        }
        return i;
    }

    ObjectNode issueJson(Issue i, String fieldSpec) {
        ObjectNode o = Json.object();
        o.put("expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations");
        o.put("id", i.id);
        o.put("self", baseUrl + "/rest/api/2/issue/" + i.id);
        o.put("key", i.key);
        ObjectNode all = Json.object();
        all.set("issuetype", issueTypeJson(i.issueType));
        all.set("project", projectJson(i.project));
        all.put("summary", i.summary);
        all.put("description", i.description);
        all.set("status", statusJson(i.status));
        all.set("priority", i.priority == null ? Json.MAPPER.nullNode() : namedJson(i.priority, "priority"));
        all.set("labels", Json.strings(i.labels));
        all.set("assignee", i.assignee == null ? Json.MAPPER.nullNode() : userJson(i.assignee));
        all.set("reporter", i.reporter == null ? Json.MAPPER.nullNode() : userJson(i.reporter));
        all.set("creator", i.creator == null ? Json.MAPPER.nullNode() : userJson(i.creator));
        NamedId res = i.resolution == null ? null
                : resolutions.stream().filter(r -> r.name().equals(i.resolution)).findFirst().orElse(null);
        all.set("resolution", res == null ? Json.MAPPER.nullNode() : namedJson(res, "resolution"));
        all.put("resolutiondate", JiraTime.format(i.resolutionDate));
        all.put("created", JiraTime.format(i.created));
        all.put("updated", JiraTime.format(i.updated));
        all.put("duedate", i.dueDate == null ? null : i.dueDate.toString());
        for (CustomField cf : customFields) {
            JsonNode v = i.custom.get(cf.id());
            if (v != null && cf.options() != null) {
                int idx = cf.options().indexOf(Json.text(v, "value"));
                ObjectNode opt = Json.object();
                opt.put("self", baseUrl + "/rest/api/2/customFieldOption/" + (10400 + idx));
                opt.put("value", Json.text(v, "value")).put("id", String.valueOf(10400 + idx));
                v = opt;
            }
            all.set(cf.id(), v == null ? Json.MAPPER.nullNode() : v);
        }
        List<Comment> cs = commentsOf(i);
        ObjectNode comment = Json.object();
        ArrayNode arr = comment.putArray("comments");
        cs.forEach(c -> arr.add(commentJson(c)));
        comment.put("maxResults", cs.size()).put("total", cs.size()).put("startAt", 0);
        all.set("comment", comment);
        ArrayNode atts = Json.array();
        attachments.values().stream().filter(a -> a.issueId.equals(i.id)).forEach(a -> atts.add(attachmentJson(a)));
        all.set("attachment", atts);
        o.set("fields", selectFields(all, fieldSpec));
        return o;
    }

    /** Applies a {@code fields} spec: *all, *navigable, names, -name. */
    private static ObjectNode selectFields(ObjectNode all, String spec) {
        Set<String> include = new LinkedHashSet<>();
        Set<String> exclude = new LinkedHashSet<>();
        for (String part : spec.split(",")) {
            String f = part.trim();
            if (f.isEmpty()) {
                continue;
            }
            if (f.equals("*all")) {
                all.fieldNames().forEachRemaining(include::add);
            } else if (f.equals("*navigable")) {
                all.fieldNames().forEachRemaining(n -> {
                    if (!n.equals("comment") && !n.equals("attachment")) {
                        include.add(n);
                    }
                });
            } else if (f.startsWith("-")) {
                exclude.add(f.substring(1));
            } else {
                include.add(f);
            }
        }
        ObjectNode out = Json.object();
        for (String f : include) {
            if (!exclude.contains(f) && all.has(f)) {
                out.set(f, all.get(f));
            }
        }
        return out;
    }

    // ---- transitions ----------------------------------------------------------------------------

    private List<Transition> available(Issue i) {
        return transitions.stream().filter(t -> t.from().equals(i.status.id())).toList();
    }

    private ObjectNode transitionJson(Transition t, boolean withFields) {
        ObjectNode o = Json.object();
        o.put("id", t.id()).put("name", t.name()).put("opsbarSequence", Integer.parseInt(t.id()) * 10);
        o.set("to", statusJson(statuses.get(t.to())));
        o.put("hasScreen", t.resolutionOnScreen()).put("isGlobal", false).put("isInitial", false)
                .put("isAvailable", true).put("isConditional", false).put("isLooped", false);
        if (withFields) {
            ObjectNode fields = o.putObject("fields");
            if (t.resolutionOnScreen()) {
                ObjectNode r = fields.putObject("resolution");
                r.put("required", true);
                r.putObject("schema").put("type", "resolution").put("system", "resolution");
                r.put("name", "Resolution").put("fieldId", "resolution").put("hasDefaultValue", true);
                r.set("operations", Json.strings(List.of("set")));
                ArrayNode allowed = r.putArray("allowedValues");
                resolutions.forEach(x -> allowed.add(namedJson(x, "resolution")));
            }
        }
        return o;
    }

    private synchronized void getTransitions(RoutingContext ctx) {
        Issue i = issue(ctx);
        String expand = ctx.queryParams().get("expand");
        String only = ctx.queryParams().get("transitionId");
        boolean withFields = expand != null && expand.contains("transitions.fields");
        ObjectNode out = Json.object();
        out.put("expand", "transitions");
        ArrayNode ts = out.putArray("transitions");
        available(i).stream().filter(t -> only == null || t.id().equals(only))
                .forEach(t -> ts.add(transitionJson(t, withFields)));
        Json.send(ctx, 200, out);
    }

    private synchronized void doTransition(RoutingContext ctx) {
        Issue i = issue(ctx);
        JsonNode body = jsonBody(ctx);
        String id = body.has("transition") ? Json.text(body.get("transition"), "id") : null;
        if (id == null) {
            throw new ApiError(400, null, "Missing 'transition' identifier");
        }
        Transition t = available(i).stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        if (t == null) {
            throw fieldError(Map.of("transition", "Transition id '" + id + "' is not valid for this issue."));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String resolution = null;
        JsonNode fields = body.get("fields");
        if (fields != null && fields.isObject()) {
            for (Map.Entry<String, JsonNode> e : iterable(fields)) {
                if (e.getKey().equals("resolution") && t.resolutionOnScreen()) {
                    NamedId r = byNameOrId(resolutions, e.getValue());
                    if (r == null) {
                        errors.put("resolution", "Resolution '" + e.getValue() + "' is not valid");
                    } else {
                        resolution = r.name();
                    }
                } else {
                    errors.put(e.getKey(), "Field '" + e.getKey() + "' cannot be set. It is not on the appropriate screen, or unknown.");
                }
            }
        }
        Issue copy = copyOf(i);
        JsonNode update = body.get("update");
        if (update != null && update.isObject()) {
            applyUpdate(copy, update, errors, false);
        }
        if (!errors.isEmpty()) {
            pendingComments.remove(copy);
            throw fieldError(errors);
        }
        i.status = statuses.get(t.to());
        if (statuses.get(t.to()).categoryId() == 3) {
            i.resolution = resolution != null ? resolution : "Fixed";
            i.resolutionDate = now();
        } else {
            i.resolution = null;
            i.resolutionDate = null;
        }
        i.labels = copy.labels;
        i.updated = now();
        draftComments(copy, i, ctx.get("user"));
        ctx.response().setStatusCode(204).end();
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    // ---- comments -------------------------------------------------------------------------------

    private List<Comment> commentsOf(Issue i) {
        return comments.values().stream().filter(c -> c.issueId.equals(i.id))
                .sorted(Comparator.comparing((Comment c) -> c.created).thenComparing(c -> Long.parseLong(c.id))).toList();
    }

    private Comment newComment(Issue i, String body, JsonNode visibility, String author) {
        Comment c = new Comment();
        c.id = String.valueOf(nextCommentId++);
        c.issueId = i.id;
        c.author = author;
        c.updateAuthor = author;
        c.body = body;
        c.visibility = visibility;
        c.created = now();
        c.updated = c.created;
        comments.put(c.id, c);
        i.updated = now();
        return c;
    }

    private ObjectNode commentJson(Comment c) {
        ObjectNode o = Json.object();
        o.put("self", baseUrl + "/rest/api/2/issue/" + c.issueId + "/comment/" + c.id);
        o.put("id", c.id);
        o.set("author", userJson(c.author));
        o.put("body", c.body);
        o.set("updateAuthor", userJson(c.updateAuthor));
        o.put("created", JiraTime.format(c.created));
        o.put("updated", JiraTime.format(c.updated));
        if (c.visibility != null) {
            o.set("visibility", c.visibility);
        }
        return o;
    }

    private synchronized void listComments(RoutingContext ctx) {
        Issue i = issue(ctx);
        MultiMap q = ctx.queryParams();
        int startAt = intParam(q, "startAt", 0);
        int maxResults = Math.min(intParam(q, "maxResults", 50), SEARCH_MAX);
        List<Comment> all = new ArrayList<>(commentsOf(i));
        if ("-created".equals(q.get("orderBy"))) {
            java.util.Collections.reverse(all);
        }
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("comments");
        for (int k = startAt; k < Math.min(all.size(), startAt + maxResults); k++) {
            arr.add(commentJson(all.get(k)));
        }
        out.put("startAt", startAt).put("maxResults", maxResults).put("total", all.size());
        Json.send(ctx, 200, out);
    }

    private JsonNode checkVisibility(JsonNode body) {
        JsonNode v = body.get("visibility");
        if (v == null || v.isNull()) {
            return null;
        }
        String type = Json.text(v, "type");
        String value = Json.text(v, "value");
        if (!"role".equals(type) && !"group".equals(type)) {
            throw fieldError(Map.of("visibility", "Visibility type must be 'role' or 'group'."));
        }
        if (value == null || value.isBlank()) {
            throw fieldError(Map.of("visibility", "A visibility " + type + " is required."));
        }
        ObjectNode o = Json.object();
        o.put("type", type).put("value", value);
        return o;
    }

    private synchronized void addComment(RoutingContext ctx) {
        Issue i = issue(ctx);
        JsonNode body = jsonBody(ctx);
        if (!body.hasNonNull("body") || body.get("body").asText().isBlank()) {
            throw fieldError(Map.of("comment", "Comment body can not be empty!"));
        }
        JsonNode visibility = checkVisibility(body);
        Comment c = newComment(i, body.get("body").asText(), visibility, ctx.get("user"));
        Json.send(ctx, 201, commentJson(c));
    }

    private Comment comment(RoutingContext ctx, Issue i) {
        Comment c = comments.get(ctx.pathParam("cid"));
        if (c == null || !c.issueId.equals(i.id)) {
            throw new ApiError(404, null, "Can not find a comment for the id: " + ctx.pathParam("cid") + ".");
        }
        return c;
    }

    private synchronized void getComment(RoutingContext ctx) {
        Issue i = issue(ctx);
        Json.send(ctx, 200, commentJson(comment(ctx, i)));
    }

    private synchronized void updateComment(RoutingContext ctx) {
        Issue i = issue(ctx);
        Comment c = comment(ctx, i);
        JsonNode body = jsonBody(ctx);
        if (body.has("body") && (body.get("body").isNull() || body.get("body").asText().isBlank())) {
            throw fieldError(Map.of("comment", "Comment body can not be empty!"));
        }
        if (body.has("visibility")) {
            c.visibility = checkVisibility(body);
        }
        if (body.has("body")) {
            c.body = body.get("body").asText();
        }
        c.updateAuthor = ctx.get("user");
        c.updated = now();
        i.updated = now();
        Json.send(ctx, 200, commentJson(c));
    }

    private synchronized void deleteComment(RoutingContext ctx) {
        Issue i = issue(ctx);
        Comment c = comment(ctx, i);
        comments.remove(c.id);
        i.updated = now();
        ctx.response().setStatusCode(204).end();
    }

    // ---- attachments ----------------------------------------------------------------------------

    private synchronized void addAttachments(RoutingContext ctx) {
        Issue i = issue(ctx);
        String token = ctx.request().getHeader("X-Atlassian-Token");
        if (token == null || !(token.equalsIgnoreCase("no-check") || token.equalsIgnoreCase("nocheck"))) {
            throw new ApiError(403, null, "XSRF check failed");
        }
        String ct = ctx.request().getHeader("Content-Type");
        if (ct == null || !ct.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ApiError(415, null, "Unsupported Media Type: use multipart/form-data");
        }
        List<FileUpload> files = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).toList();
        if (files.isEmpty()) {
            throw new ApiError(400, null, "No file was found in the 'file' part of the request.");
        }
        for (FileUpload f : files) {
            if (f.size() > uploadLimit) {
                throw new ApiError(413, null, "The file '" + f.fileName() + "' is too large: it exceeds the maximum attachment size of "
                        + uploadLimit + " bytes.");
            }
        }
        ArrayNode out = Json.array();
        for (FileUpload f : files) {
            Attachment a = new Attachment();
            a.id = String.valueOf(nextAttachmentId++);
            a.issueId = i.id;
            a.filename = f.fileName();
            a.author = ctx.get("user");
            a.mimeType = f.contentType() == null ? "application/octet-stream" : f.contentType();
            try {
                a.bytes = Files.readAllBytes(Path.of(f.uploadedFileName()));
            } catch (IOException e) {
                throw new ApiError(500, null, "Could not store the attachment");
            }
            a.created = now();
            attachments.put(a.id, a);
            out.add(attachmentJson(a));
        }
        i.updated = now();
        Json.send(ctx, 200, out);
    }

    private ObjectNode attachmentJson(Attachment a) {
        ObjectNode o = Json.object();
        o.put("self", baseUrl + "/rest/api/2/attachment/" + a.id);
        o.put("id", a.id);
        o.put("filename", a.filename);
        o.set("author", userJson(a.author));
        o.put("created", JiraTime.format(a.created));
        o.put("size", a.bytes.length);
        o.put("mimeType", a.mimeType);
        o.put("content", baseUrl + "/secure/attachment/" + a.id + "/"
                + URLEncoder.encode(a.filename, StandardCharsets.UTF_8).replace("+", "%20"));
        if (a.mimeType.startsWith("image/")) {
            o.put("thumbnail", baseUrl + "/secure/thumbnail/" + a.id + "/_thumb_" + a.id + ".png");
        }
        return o;
    }

    private Attachment attachment(RoutingContext ctx) {
        Attachment a = attachments.get(ctx.pathParam("id"));
        if (a == null) {
            throw new ApiError(404, null, "The attachment with id '" + ctx.pathParam("id") + "' does not exist");
        }
        return a;
    }

    private synchronized void getAttachment(RoutingContext ctx) {
        Json.send(ctx, 200, attachmentJson(attachment(ctx)));
    }

    private synchronized void deleteAttachment(RoutingContext ctx) {
        Attachment a = attachment(ctx);
        attachments.remove(a.id);
        Issue i = issues.get(a.issueId);
        if (i != null) {
            i.updated = now();
        }
        ctx.response().setStatusCode(204).end();
    }

    private synchronized void attachmentMeta(RoutingContext ctx) {
        ObjectNode o = Json.object();
        o.put("enabled", true).put("uploadLimit", uploadLimit);
        Json.send(ctx, 200, o);
    }

    private void downloadAttachment(RoutingContext ctx) {
        Attachment a;
        synchronized (this) {
            a = attachment(ctx);
        }
        ctx.response().putHeader("Content-Type", a.mimeType)
                .putHeader("Content-Disposition", "attachment; filename=\"" + a.filename.replace("\"", "") + "\"")
                .end(Buffer.buffer(a.bytes));
    }

    // ---- issue properties -----------------------------------------------------------------------

    private synchronized void listProperties(RoutingContext ctx) {
        Issue i = issue(ctx);
        ObjectNode out = Json.object();
        ArrayNode keys = out.putArray("keys");
        i.properties.keySet().forEach(k -> keys.addObject()
                .put("self", baseUrl + "/rest/api/2/issue/" + i.id + "/properties/" + k).put("key", k));
        Json.send(ctx, 200, out);
    }

    private synchronized void getProperty(RoutingContext ctx) {
        Issue i = issue(ctx);
        JsonNode v = i.properties.get(ctx.pathParam("prop"));
        if (v == null) {
            throw new ApiError(404, null, "Property with key '" + ctx.pathParam("prop") + "' does not exist.");
        }
        ObjectNode out = Json.object();
        out.put("key", ctx.pathParam("prop"));
        out.set("value", v);
        Json.send(ctx, 200, out);
    }

    private synchronized void putProperty(RoutingContext ctx) {
        Issue i = issue(ctx);
        JsonNode v = jsonBody(ctx);
        boolean existed = i.properties.put(ctx.pathParam("prop"), v) != null;
        ctx.response().setStatusCode(existed ? 200 : 201).end();
    }

    private synchronized void deleteProperty(RoutingContext ctx) {
        Issue i = issue(ctx);
        if (i.properties.remove(ctx.pathParam("prop")) == null) {
            throw new ApiError(404, null, "Property with key '" + ctx.pathParam("prop") + "' does not exist.");
        }
        ctx.response().setStatusCode(204).end();
    }

    // ---- search ---------------------------------------------------------------------------------

    private void searchGet(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        search(ctx, q.get("jql"), intParam(q, "startAt", 0), intParam(q, "maxResults", 50),
                q.get("fields") == null ? "*navigable" : q.get("fields"));
    }

    private void searchPost(RoutingContext ctx) {
        JsonNode body = jsonBody(ctx);
        int startAt = body.has("startAt") ? body.get("startAt").asInt() : 0;
        int maxResults = body.has("maxResults") ? body.get("maxResults").asInt() : 50;
        String fields = "*navigable";
        if (body.has("fields") && body.get("fields").isArray()) {
            List<String> f = new ArrayList<>();
            body.get("fields").forEach(n -> f.add(n.asText()));
            fields = String.join(",", f);
        }
        if (startAt < 0 || maxResults < 0) {
            throw new ApiError(400, null, "startAt and maxResults must not be negative");
        }
        search(ctx, Json.text(body, "jql"), startAt, maxResults, fields);
    }

    private synchronized void search(RoutingContext ctx, String jql, int startAt, int maxResults, String fields) {
        Jql.Query query;
        try {
            query = Jql.parse(jql, catalogue(), clock.instant());
        } catch (Jql.JqlException e) {
            throw new ApiError(400, null, e.getMessage());
        }
        List<Issue> hits = issues.values().stream().filter(i -> query.where().test(subject(i))).toList();
        List<Jql.Order> order = query.orderBy().isEmpty() ? List.of(new Jql.Order("key", false)) : query.orderBy();
        Comparator<Jql.Subject> cmp = Jql.comparator(order, (a, b) -> 0);
        Map<Jql.Subject, Issue> bySubject = new LinkedHashMap<>();
        hits.forEach(i -> bySubject.put(subject(i), i));
        List<Issue> sorted = bySubject.entrySet().stream().sorted((a, b) -> cmp.compare(a.getKey(), b.getKey()))
                .map(Map.Entry::getValue).toList();
        int effectiveMax = Math.min(maxResults, SEARCH_MAX);
        ObjectNode out = Json.object();
        out.put("expand", "schema,names");
        out.put("startAt", startAt).put("maxResults", effectiveMax).put("total", sorted.size());
        ArrayNode arr = out.putArray("issues");
        for (int k = startAt; k < Math.min(sorted.size(), startAt + effectiveMax); k++) {
            ObjectNode issue = issueJson(sorted.get(k), fields);
            issue.put("expand", "operations,versionedRepresentations,editmeta,changelog,renderedFields");
            arr.add(issue);
        }
        Json.send(ctx, 200, out);
    }

    private Jql.Subject subject(Issue i) {
        return field -> {
            List<Object> out = new ArrayList<>();
            switch (field) {
                case "project" -> {
                    out.add(i.project.key());
                    out.add(i.project.id());
                    out.add(i.project.name());
                }
                case "status" -> {
                    out.add(i.status.name());
                    out.add(i.status.id());
                }
                case "statuscategory" -> out.add(categoryName(i.status.categoryId()));
                case "labels" -> out.addAll(i.labels);
                case "updated" -> out.add(i.updated);
                case "created" -> out.add(i.created);
                case "resolutiondate" -> addIfNotNull(out, i.resolutionDate);
                case "duedate" -> {
                    if (i.dueDate != null) {
                        out.add(i.dueDate.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
                    }
                }
                case "key", "issuekey" -> out.add(i.key);
                case "id" -> out.add(i.id);
                case "issuetype" -> {
                    out.add(i.issueType.name());
                    out.add(i.issueType.id());
                }
                case "priority" -> {
                    if (i.priority != null) {
                        out.add(i.priority.name());
                        out.add(i.priority.id());
                    }
                }
                case "assignee" -> addIfNotNull(out, i.assignee);
                case "reporter" -> addIfNotNull(out, i.reporter);
                case "summary" -> addIfNotNull(out, i.summary);
                case "description" -> addIfNotNull(out, i.description);
                case "text" -> {
                    addIfNotNull(out, i.summary);
                    addIfNotNull(out, i.description);
                    commentsOf(i).forEach(c -> out.add(c.body));
                }
                case "resolution" -> addIfNotNull(out, i.resolution);
                case "comment" -> commentsOf(i).forEach(c -> out.add(c.body));
                default -> {
                    if (field.startsWith("issue.property[")) {
                        addIfNotNull(out, propertyValue(i, field));
                        return out;
                    }
                    String id = customFieldId(field);
                    JsonNode v = id == null ? null : i.custom.get(id);
                    if (v != null) {
                        out.add(v.isObject() ? Json.text(v, "value") : v.asText());
                    }
                }
            }
            return out;
        };
    }

    /** {@code issue.property[key].a.b}: names compare case-insensitively, as the parser lower-cases fields. */
    private static String propertyValue(Issue i, String field) {
        int close = field.indexOf(']');
        if (close < 0) {
            return null;
        }
        String key = field.substring("issue.property[".length(), close);
        JsonNode v = i.properties.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        String rest = field.substring(close + 1);
        for (String part : rest.split("\\.")) {
            if (part.isEmpty() || v == null) {
                continue;
            }
            JsonNode next = null;
            for (java.util.Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (n.equalsIgnoreCase(part)) {
                    next = v.get(n);
                }
            }
            v = next;
        }
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static void addIfNotNull(List<Object> out, Object v) {
        if (v != null) {
            out.add(v);
        }
    }

    private String customFieldId(String field) {
        for (CustomField cf : customFields) {
            if (cf.id().equals(field) || ("cf[" + cf.id().substring("customfield_".length()) + "]").equals(field)
                    || cf.name().equalsIgnoreCase(field)) {
                return cf.id();
            }
        }
        return null;
    }

    private Jql.Catalogue catalogue() {
        Set<String> known = Set.of("project", "status", "statuscategory", "labels", "updated", "created", "resolutiondate",
                "duedate", "key", "issuekey", "id", "issuetype", "priority", "assignee", "reporter", "summary",
                "description", "text", "resolution", "comment");
        return new Jql.Catalogue() {
            @Override
            public boolean knowsField(String field) {
                return known.contains(field) || customFieldId(field) != null
                        || field.matches("issue\\.property\\[[^\\]]+\\](\\.[\\w-]+)*");
            }

            @Override
            public String checkValue(String field, String value) {
                switch (field) {
                    case "project" -> {
                        if (projects.values().stream().noneMatch(p -> p.key().equalsIgnoreCase(value)
                                || p.id().equals(value) || p.name().equalsIgnoreCase(value))) {
                            return "The value '" + value + "' does not exist for the field 'project'.";
                        }
                    }
                    case "status" -> {
                        if (statuses.values().stream().noneMatch(s -> s.name().equalsIgnoreCase(value) || s.id().equals(value))) {
                            return "The value '" + value + "' does not exist for the field 'status'.";
                        }
                    }
                    case "issuetype" -> {
                        if (issueTypes.stream().noneMatch(s -> s.name().equalsIgnoreCase(value) || s.id().equals(value))) {
                            return "The value '" + value + "' does not exist for the field 'issuetype'.";
                        }
                    }
                    case "priority" -> {
                        if (priorities.stream().noneMatch(s -> s.name().equalsIgnoreCase(value) || s.id().equals(value))) {
                            return "The value '" + value + "' does not exist for the field 'priority'.";
                        }
                    }
                    case "key", "issuekey" -> {
                        if (!value.matches("[A-Za-z][A-Za-z0-9_]*-\\d+") && !value.matches("\\d+")) {
                            return "The issue key '" + value + "' for field 'key' is invalid.";
                        }
                    }
                    default -> {
                    }
                }
                return null;
            }
        };
    }

    // ---- catalogues -----------------------------------------------------------------------------

    private ObjectNode userJson(String name) {
        User u = users.get(name);
        ObjectNode o = Json.object();
        o.put("self", baseUrl + "/rest/api/2/user?username=" + name);
        o.put("name", name);
        o.put("key", name);
        o.put("emailAddress", u == null ? null : u.email());
        ObjectNode av = o.putObject("avatarUrls");
        av.put("48x48", baseUrl + "/secure/useravatar?avatarId=10122");
        av.put("24x24", baseUrl + "/secure/useravatar?size=small&avatarId=10122");
        av.put("16x16", baseUrl + "/secure/useravatar?size=xsmall&avatarId=10122");
        av.put("32x32", baseUrl + "/secure/useravatar?size=medium&avatarId=10122");
        o.put("displayName", u == null ? name : u.displayName());
        o.put("active", u != null);
        o.put("timeZone", "UTC");
        return o;
    }

    private static String categoryName(int id) {
        return switch (id) {
            case 2 -> "To Do";
            case 4 -> "In Progress";
            default -> "Done";
        };
    }

    private ObjectNode statusJson(Status s) {
        ObjectNode o = Json.object();
        o.put("self", baseUrl + "/rest/api/2/status/" + s.id());
        o.put("description", "");
        o.put("iconUrl", baseUrl + "/images/icons/statuses/generic.png");
        o.put("name", s.name());
        o.put("id", s.id());
        ObjectNode cat = o.putObject("statusCategory");
        cat.put("self", baseUrl + "/rest/api/2/statuscategory/" + s.categoryId());
        cat.put("id", s.categoryId());
        cat.put("key", switch (s.categoryId()) {
            case 2 -> "new";
            case 4 -> "indeterminate";
            default -> "done";
        });
        cat.put("colorName", switch (s.categoryId()) {
            case 2 -> "blue-gray";
            case 4 -> "yellow";
            default -> "green";
        });
        cat.put("name", categoryName(s.categoryId()));
        return o;
    }

    private ObjectNode namedJson(NamedId n, String resource) {
        ObjectNode o = Json.object();
        o.put("self", baseUrl + "/rest/api/2/" + resource + "/" + n.id());
        if (resource.equals("priority")) {
            o.put("iconUrl", baseUrl + "/images/icons/priorities/" + n.name().toLowerCase(Locale.ROOT) + ".svg");
        } else {
            o.put("description", n.name());
        }
        o.put("name", n.name());
        o.put("id", n.id());
        return o;
    }

    private ArrayNode namedList(List<NamedId> list, String resource) {
        ArrayNode a = Json.array();
        list.forEach(n -> a.add(namedJson(n, resource)));
        return a;
    }

    private ObjectNode issueTypeJson(NamedId t) {
        ObjectNode o = Json.object();
        o.put("self", baseUrl + "/rest/api/2/issuetype/" + t.id());
        o.put("id", t.id()).put("description", t.name()).put("iconUrl", baseUrl + "/images/icons/issuetypes/generic.png")
                .put("name", t.name()).put("subtask", false);
        return o;
    }

    private ArrayNode issueTypeList() {
        ArrayNode a = Json.array();
        synchronized (this) {
            issueTypes.forEach(t -> a.add(issueTypeJson(t)));
        }
        return a;
    }

    private ObjectNode projectJson(Project p) {
        ObjectNode o = Json.object();
        o.put("self", baseUrl + "/rest/api/2/project/" + p.id());
        o.put("id", p.id()).put("key", p.key()).put("name", p.name()).put("projectTypeKey", "software");
        return o;
    }

    private synchronized void statusList(RoutingContext ctx) {
        ArrayNode a = Json.array();
        statuses.values().forEach(s -> a.add(statusJson(s)));
        Json.send(ctx, 200, a);
    }

    private synchronized void projectList(RoutingContext ctx) {
        ArrayNode a = Json.array();
        projects.values().forEach(p -> a.add(projectJson(p)));
        Json.send(ctx, 200, a);
    }

    private synchronized void getProject(RoutingContext ctx) {
        String k = ctx.pathParam("key");
        Project p = projects.values().stream().filter(x -> x.key().equalsIgnoreCase(k) || x.id().equals(k)).findFirst()
                .orElseThrow(() -> new ApiError(404, null, "No project could be found with key '" + k + "'."));
        ObjectNode o = projectJson(p);
        ArrayNode types = o.putArray("issueTypes");
        issueTypes.forEach(t -> types.add(issueTypeJson(t)));
        Json.send(ctx, 200, o);
    }

    private synchronized void getUser(RoutingContext ctx) {
        String name = ctx.queryParams().get("username");
        if (name == null) {
            name = ctx.queryParams().get("key");
        }
        if (name == null || !users.containsKey(name)) {
            throw new ApiError(404, null, "The user named '" + name + "' does not exist");
        }
        Json.send(ctx, 200, userJson(name));
    }

    private synchronized void searchUsers(RoutingContext ctx) {
        String q = ctx.queryParams().get("username");
        if (q == null || q.isBlank()) {
            throw new ApiError(400, null, "The username query parameter was not provided");
        }
        String needle = q.toLowerCase(Locale.ROOT);
        ArrayNode a = Json.array();
        users.values().stream().filter(u -> u.name().toLowerCase(Locale.ROOT).startsWith(needle)
                        || u.displayName().toLowerCase(Locale.ROOT).contains(needle)
                        || u.email().toLowerCase(Locale.ROOT).startsWith(needle))
                .forEach(u -> a.add(userJson(u.name())));
        Json.send(ctx, 200, a);
    }

    private List<ObjectNode> fieldCatalogue() {
        List<ObjectNode> out = new ArrayList<>();
        String[][] system = {
                {"summary", "Summary", "string"}, {"description", "Description", "string"},
                {"status", "Status", "status"}, {"priority", "Priority", "priority"},
                {"labels", "Labels", "array"}, {"assignee", "Assignee", "user"}, {"reporter", "Reporter", "user"},
                {"creator", "Creator", "user"}, {"issuetype", "Issue Type", "issuetype"}, {"project", "Project", "project"},
                {"created", "Created", "datetime"}, {"updated", "Updated", "datetime"}, {"duedate", "Due Date", "date"},
                {"resolution", "Resolution", "resolution"}, {"resolutiondate", "Resolved", "datetime"},
                {"comment", "Comment", "comments-page"}, {"attachment", "Attachment", "array"},
                {"issuekey", "Key", null}};
        for (String[] f : system) {
            ObjectNode o = Json.object();
            o.put("id", f[0]).put("name", f[1]).put("custom", false).put("orderable", true)
                    .put("navigable", !f[0].equals("comment") && !f[0].equals("attachment")).put("searchable", true);
            o.set("clauseNames", Json.strings(List.of(f[0])));
            if (f[2] != null) {
                ObjectNode schema = o.putObject("schema");
                schema.put("type", f[2]).put("system", f[0]);
                if (f[2].equals("array")) {
                    schema.put("items", f[0].equals("labels") ? "string" : "attachment");
                }
            }
            out.add(o);
        }
        for (CustomField cf : customFields) {
            ObjectNode o = Json.object();
            String num = cf.id().substring("customfield_".length());
            o.put("id", cf.id()).put("name", cf.name()).put("custom", true).put("orderable", true)
                    .put("navigable", true).put("searchable", true);
            o.set("clauseNames", Json.strings(List.of("cf[" + num + "]", cf.name())));
            ObjectNode schema = o.putObject("schema");
            schema.put("type", cf.type())
                    .put("custom", cf.options() != null ? "com.atlassian.jira.plugin.system.customfieldtypes:select"
                            : "com.atlassian.jira.plugin.system.customfieldtypes:textfield")
                    .put("customId", Long.parseLong(num));
            if (cf.options() != null) {
                o.set("allowedValues", Json.strings(cf.options()));
            }
            out.add(o);
        }
        return out;
    }

    private synchronized void fields(RoutingContext ctx) {
        ArrayNode a = Json.array();
        fieldCatalogue().forEach(f -> {
            f.remove("allowedValues");
            a.add(f);
        });
        Json.send(ctx, 200, a);
    }

    private ObjectNode screenFields(boolean create) {
        ObjectNode fields = Json.object();
        for (ObjectNode f : fieldCatalogue()) {
            String id = f.get("id").asText();
            if (Set.of("status", "created", "updated", "creator", "resolution", "resolutiondate", "comment", "attachment", "issuekey").contains(id)) {
                continue;
            }
            if (!create && id.equals("project")) {
                continue;
            }
            ObjectNode m = fields.putObject(id);
            m.put("required", Set.of("summary", "issuetype", "project").contains(id));
            m.set("schema", f.get("schema"));
            m.put("name", f.get("name").asText()).put("fieldId", id).put("hasDefaultValue", id.equals("priority"));
            m.set("operations", Json.strings(id.equals("labels") ? List.of("add", "set", "remove") : List.of("set")));
            if (id.equals("priority")) {
                m.set("allowedValues", namedList(priorities, "priority"));
            } else if (f.has("allowedValues")) {
                ArrayNode av = m.putArray("allowedValues");
                CustomField cf = customFields.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
                for (int k = 0; k < cf.options().size(); k++) {
                    av.addObject().put("self", baseUrl + "/rest/api/2/customFieldOption/" + (10400 + k))
                            .put("value", cf.options().get(k)).put("id", String.valueOf(10400 + k));
                }
            }
        }
        return fields;
    }

    private synchronized void createMeta(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        Set<String> keys = splitParam(q.get("projectKeys"));
        Set<String> typeNames = splitParam(q.get("issuetypeNames"));
        boolean withFields = q.get("expand") != null && q.get("expand").contains("projects.issuetypes.fields");
        ObjectNode out = Json.object();
        out.put("expand", "projects");
        ArrayNode ps = out.putArray("projects");
        projects.values().stream().filter(p -> keys.isEmpty() || keys.contains(p.key())).forEach(p -> {
            ObjectNode po = projectJson(p);
            ArrayNode ts = po.putArray("issuetypes");
            issueTypes.stream().filter(t -> typeNames.isEmpty() || typeNames.contains(t.name())).forEach(t -> {
                ObjectNode to = issueTypeJson(t);
                if (withFields) {
                    to.set("fields", screenFields(true));
                }
                ts.add(to);
            });
            ps.add(po);
        });
        Json.send(ctx, 200, out);
    }

    private synchronized void editMeta(RoutingContext ctx) {
        issue(ctx);
        ObjectNode out = Json.object();
        out.set("fields", screenFields(false));
        Json.send(ctx, 200, out);
    }

    private void serverInfo(RoutingContext ctx) {
        ObjectNode o = Json.object();
        o.put("baseUrl", baseUrl).put("version", "9.12.0").put("deploymentType", "Server")
                .put("buildNumber", 9120000).put("serverTitle", "Twinline Jira simulator");
        ArrayNode v = o.putArray("versionNumbers");
        v.add(9).add(12).add(0);
        Json.send(ctx, 200, o);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Set<String> splitParam(String v) {
        if (v == null || v.isBlank()) {
            return Set.of();
        }
        return java.util.Arrays.stream(v.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    private static NamedId byNameOrId(List<NamedId> list, JsonNode ref) {
        if (ref == null || ref.isNull()) {
            return null;
        }
        String id = ref.isObject() ? Json.text(ref, "id") : null;
        String name = ref.isObject() ? Json.text(ref, "name") : ref.asText();
        return list.stream().filter(n -> (id != null && n.id().equals(id)) || (name != null && n.name().equalsIgnoreCase(name)))
                .findFirst().orElse(null);
    }

    private static JsonNode jsonBody(RoutingContext ctx) {
        String ct = ctx.request().getHeader("Content-Type");
        if (ct == null || !ct.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, null, "Unsupported Media Type: the request body must be application/json");
        }
        try {
            JsonNode n = Json.body(ctx);
            if (!n.isObject() && !n.isArray()) {
                throw new ApiError(400, null, "Can not deserialize the request body: not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new ApiError(400, null, "Unexpected character in the request body: it is not valid JSON");
        }
    }

    private static int intParam(MultiMap q, String name, int dflt) {
        String v = q.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i >= 0) {
                return i;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiError(400, null, "The value '" + v + "' of parameter '" + name + "' is not a valid non-negative number");
    }
}
