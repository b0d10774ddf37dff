package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.jira.JiraModel.Issue;
import io.vertx.ext.web.RoutingContext;

/** {@code /issue/{key}/properties}: JSON values stored on an issue (searchable with {@code issue.property[…]}). */
final class PropertyRoutes {

    private final JiraStore store;

    PropertyRoutes(JiraStore store) {
        this.store = store;
    }

    void list(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        ObjectNode out = Json.object();
        ArrayNode keys = out.putArray("keys");
        i.properties.keySet().forEach(k -> keys.addObject()
                .put("self", store.baseUrl + "/rest/api/2/issue/" + i.id + "/properties/" + k).put("key", k));
        Json.send(ctx, 200, out);
    }

    void get(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        JsonNode v = i.properties.get(ctx.pathParam("prop"));
        if (v == null) {
            throw missing(ctx);
        }
        ObjectNode out = Json.object();
        out.put("key", ctx.pathParam("prop"));
        out.set("value", v);
        Json.send(ctx, 200, out);
    }

    void put(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        JsonNode v = JiraInput.body(ctx);
        boolean existed = i.properties.put(ctx.pathParam("prop"), v) != null;
        ctx.response().setStatusCode(existed ? 200 : 201).end();
    }

    void delete(RoutingContext ctx) {
        Issue i = store.issue(ctx.pathParam("key"));
        if (i.properties.remove(ctx.pathParam("prop")) == null) {
            throw missing(ctx);
        }
        ctx.response().setStatusCode(204).end();
    }

    private static ApiError missing(RoutingContext ctx) {
        return new ApiError(404, null, "Property with key '" + ctx.pathParam("prop") + "' does not exist.");
    }
}
