package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.jira.JiraModel.Issue;
import io.twinline.simulator.jira.JiraModel.NamedId;
import io.twinline.simulator.jira.JiraModel.Transition;
import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.twinline.simulator.jira.JiraInput.fieldError;

/** {@code /issue/{key}/transitions}: the workflow's way out of a status; resolving sets a resolution. */
final class TransitionRoutes {

    private final JiraStore store;
    private final JiraJson json;
    private final IssueEdits edits;

    TransitionRoutes(JiraStore store, JiraJson json) {
        this.store = store;
        this.json = json;
        this.edits = new IssueEdits(store);
    }

    void list(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        String expand = ctx.queryParams().get("expand");
        String only = ctx.queryParams().get("transitionId");
        boolean withFields = expand != null && expand.contains("transitions.fields");
        ObjectNode out = Json.object();
        out.put("expand", "transitions");
        ArrayNode ts = out.putArray("transitions");
        store.available(i).stream().filter(t -> only == null || t.id().equals(only))
                .forEach(t -> ts.add(json.transition(t, withFields)));
        Json.send(ctx, 200, out);
    }

    void perform(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        JsonNode body = JiraInput.body(ctx);
        String id = body.has("transition") ? Json.text(body.get("transition"), "id") : null;
        if (id == null) {
            throw new ApiError(400, null, "Missing 'transition' identifier");
        }
        Transition t = store.available(i).stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
        if (t == null) {
            throw fieldError(Map.of("transition", "Transition id '" + id + "' is not valid for this issue."));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String resolution = null;
        JsonNode fields = body.get("fields");
        if (fields != null && fields.isObject()) {
            for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) fields::fields) {
                if (e.getKey().equals("resolution") && t.resolutionOnScreen()) {
                    NamedId r = JiraStore.byNameOrId(store.resolutions, e.getValue());
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
        Issue copy = IssueEdits.copyOf(i);
        JsonNode update = body.get("update");
        if (update != null && update.isObject()) {
            edits.applyUpdate(copy, update, errors);
        }
        if (!errors.isEmpty()) {
            throw fieldError(errors);
        }
        i.status = store.statuses.get(t.to());
        if (store.statuses.get(t.to()).categoryId() == 3) {
            i.resolution = resolution != null ? resolution : "Fixed";
            i.resolutionDate = store.now();
        } else {
            i.resolution = null;
            i.resolutionDate = null;
        }
        i.labels = copy.labels;
        i.updated = store.now();
        store.addPendingComments(copy, i, ctx.get("user"));
        ctx.response().setStatusCode(204).end();
    }
}
