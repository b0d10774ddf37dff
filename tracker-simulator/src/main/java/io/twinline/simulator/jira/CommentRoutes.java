package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.Paging;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.jira.JiraModel.Comment;
import io.twinline.simulator.jira.JiraModel.Issue;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.twinline.simulator.jira.JiraInput.fieldError;
import static io.twinline.simulator.jira.JiraInput.intParam;

/** {@code /issue/{key}/comment}: a paged list, add, get, update, delete; {@code visibility} is kept. */
final class CommentRoutes {

    private final JiraStore store;
    private final JiraJson json;

    CommentRoutes(JiraStore store, JiraJson json) {
        this.store = store;
        this.json = json;
    }

    void list(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        MultiMap q = ctx.queryParams();
        int startAt = intParam(q, "startAt", 0);
        int maxResults = Math.min(intParam(q, "maxResults", 50), JiraApi.MAX_RESULTS);
        List<Comment> all = new ArrayList<>(store.commentsOf(i));
        if ("-created".equals(q.get("orderBy"))) {
            Collections.reverse(all);
        }
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("comments");
        Paging.slice(all, startAt, maxResults).forEach(c -> arr.add(json.comment(c)));
        out.put("startAt", startAt).put("maxResults", maxResults).put("total", all.size());
        Json.send(ctx, 200, out);
    }

    void add(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        JsonNode body = JiraInput.body(ctx);
        if (!body.hasNonNull("body") || body.get("body").asText().isBlank()) {
            throw fieldError(Map.of("comment", "Comment body can not be empty!"));
        }
        JsonNode visibility = visibility(body);
        Comment c = store.newComment(i, body.get("body").asText(), visibility, ctx.get("user"));
        Json.send(ctx, 201, json.comment(c));
    }

    void get(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        Json.send(ctx, 200, json.comment(comment(ctx, i)));
    }

    void update(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        Comment c = comment(ctx, i);
        JsonNode body = JiraInput.body(ctx);
        if (body.has("body") && (body.get("body").isNull() || body.get("body").asText().isBlank())) {
            throw fieldError(Map.of("comment", "Comment body can not be empty!"));
        }
        if (body.has("visibility")) {
            c.visibility = visibility(body);
        }
        if (body.has("body")) {
            c.body = body.get("body").asText();
        }
        c.updateAuthor = ctx.get("user");
        c.updated = store.now();
        i.updated = store.now();
        Json.send(ctx, 200, json.comment(c));
    }

    void delete(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        Comment c = comment(ctx, i);
        store.comments.remove(c.id);
        i.updated = store.now();
        ctx.response().setStatusCode(204).end();
    }

    private Comment comment(RoutingContext ctx, Issue i) {
        Comment c = store.comments.get(ctx.pathParam("cid"));
        if (c == null || !c.issueId.equals(i.id)) {
            throw new ApiError(404, null, "Can not find a comment for the id: " + ctx.pathParam("cid") + ".");
        }
        return c;
    }

    /** A {@code role} or {@code group} restriction, or null. */
    private static JsonNode visibility(JsonNode body) {
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
}
