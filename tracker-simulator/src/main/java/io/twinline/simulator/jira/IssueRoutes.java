package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.jira.JiraModel.Issue;
import io.twinline.simulator.jira.JiraModel.NamedId;
import io.twinline.simulator.jira.JiraModel.Project;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static io.twinline.simulator.jira.JiraInput.fieldError;
import static io.twinline.simulator.jira.JiraStore.byNameOrId;

/** {@code /issue} and {@code /issue/{key}}: create, get, edit, delete, assign. */
final class IssueRoutes {

    private static final Set<String> NOT_EDITABLE = Set.of("status", "project", "created", "updated", "comment",
            "attachment", "resolution");

    private final JiraStore store;
    private final JiraJson json;
    private final IssueEdits edits;
    private final FieldCatalogue fields;

    IssueRoutes(JiraStore store, JiraJson json, FieldCatalogue fields) {
        this.store = store;
        this.json = json;
        this.edits = new IssueEdits(store);
        this.fields = fields;
    }

    void create(RoutingContext ctx) {
        JsonNode body = JiraInput.body(ctx);
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
            project = store.projects.values().stream().filter(x -> x.key().equals(key) || x.id().equals(id)).findFirst().orElse(null);
            if (project == null) {
                errors.put("project", "valid project is required");
            }
        }
        NamedId type = null;
        JsonNode t = fields.get("issuetype");
        if (t == null || t.isNull()) {
            errors.put("issuetype", "issue type is required");
        } else {
            type = byNameOrId(store.issueTypes, t);
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
                edits.setField(draft, e.getKey(), e.getValue(), fieldErrors);
            }
        });
        errors.putAll(fieldErrors);
        if (body.has("update") && body.get("update").isObject()) {
            edits.applyUpdate(draft, body.get("update"), errors);
        }
        if (!errors.isEmpty()) {
            throw fieldError(errors);
        }
        Issue i = store.newIssue(project);
        i.issueType = type;
        i.summary = draft.summary;
        i.description = draft.description;
        i.priority = draft.priority != null ? draft.priority : store.priorities.get(2);
        i.labels = draft.labels;
        i.assignee = draft.assignee;
        i.reporter = draft.reporter != null ? draft.reporter : ctx.get("user");
        i.creator = ctx.get("user");
        i.dueDate = draft.dueDate;
        i.custom = draft.custom;
        i.status = store.statuses.get("1");
        i.created = store.now();
        i.updated = i.created;
        store.issues.put(i.id, i);
        store.addPendingComments(draft, i, ctx.get("user"));
        ObjectNode out = Json.object();
        out.put("id", i.id).put("key", i.key).put("self", store.baseUrl + "/rest/api/2/issue/" + i.id);
        Json.send(ctx, 201, out);
    }

    void get(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        String fieldSpec = ctx.queryParams().get("fields");
        String expand = ctx.queryParams().get("expand");
        ObjectNode out = json.issue(i, fieldSpec == null ? "*all" : fieldSpec);
        if (expand != null && expand.contains("transitions")) {
            ArrayNode ts = out.putArray("transitions");
            store.available(i).forEach(t -> ts.add(json.transition(t, false)));
        }
        if (expand != null && expand.contains("names")) {
            ObjectNode names = out.putObject("names");
            fields.all().forEach(f -> names.put(f.get("id").asText(), f.get("name").asText()));
        }
        Json.send(ctx, 200, out);
    }

    void edit(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        JsonNode body = JiraInput.body(ctx);
        JsonNode fields = body.get("fields");
        JsonNode update = body.get("update");
        Map<String, String> errors = new LinkedHashMap<>();
        // Work on a copy: an edit with any error changes nothing.
        Issue copy = IssueEdits.copyOf(i);
        if (fields != null && fields.isObject()) {
            fields.fields().forEachRemaining(e -> {
                if (update != null && update.has(e.getKey())) {
                    errors.put(e.getKey(), "Field '" + e.getKey() + "' cannot be set in both 'fields' and 'update'.");
                } else if (NOT_EDITABLE.contains(e.getKey())) {
                    if (!e.getKey().equals("comment")) {
                        errors.put(e.getKey(), "Field '" + e.getKey() + "' cannot be set. It is not on the appropriate screen, or unknown.");
                    }
                } else if (e.getKey().equals("issuetype")) {
                    NamedId type = byNameOrId(store.issueTypes, e.getValue());
                    if (type == null) {
                        errors.put("issuetype", "The issue type selected is invalid.");
                    } else {
                        copy.issueType = type;
                    }
                } else {
                    edits.setField(copy, e.getKey(), e.getValue(), errors);
                }
            });
        }
        if (update != null && update.isObject()) {
            edits.applyUpdate(copy, update, errors);
        }
        if (!errors.isEmpty()) {
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
        i.updated = store.now();
        store.addPendingComments(copy, i, ctx.get("user"));
        ctx.response().setStatusCode(204).end();
    }

    void delete(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        store.issues.remove(i.id);
        store.comments.values().removeIf(c -> c.issueId.equals(i.id));
        store.attachments.values().removeIf(a -> a.issueId.equals(i.id));
        ctx.response().setStatusCode(204).end();
    }

    void assign(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        JsonNode body = JiraInput.body(ctx);
        String name = Json.text(body, "name");
        if (name != null && !name.equals("-1") && !store.users.containsKey(name)) {
            throw fieldError(Map.of("assignee", "User '" + name + "' does not exist."));
        }
        i.assignee = "-1".equals(name) ? null : name;
        i.updated = store.now();
        ctx.response().setStatusCode(204).end();
    }
}
