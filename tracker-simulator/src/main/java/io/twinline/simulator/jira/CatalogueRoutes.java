package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.jira.JiraModel.Project;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.Set;

import static io.twinline.simulator.jira.JiraInput.splitParam;

/** The read-only lookups: fields and screens, priorities, statuses, projects, users, server info. */
final class CatalogueRoutes {

    private final JiraStore store;
    private final JiraJson json;
    private final FieldCatalogue fields;

    CatalogueRoutes(JiraStore store, JiraJson json, FieldCatalogue fields) {
        this.store = store;
        this.json = json;
        this.fields = fields;
    }

    void fields(RoutingContext ctx) {
        ArrayNode a = Json.array();
        fields.all().forEach(f -> {
            f.remove("allowedValues");
            a.add(f);
        });
        Json.send(ctx, 200, a);
    }

    void createMeta(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        Set<String> keys = splitParam(q.get("projectKeys"));
        Set<String> typeNames = splitParam(q.get("issuetypeNames"));
        boolean withFields = q.get("expand") != null && q.get("expand").contains("projects.issuetypes.fields");
        ObjectNode out = Json.object();
        out.put("expand", "projects");
        ArrayNode ps = out.putArray("projects");
        store.projects.values().stream().filter(p -> keys.isEmpty() || keys.contains(p.key())).forEach(p -> {
            ObjectNode po = json.project(p);
            ArrayNode ts = po.putArray("issuetypes");
            store.issueTypes.stream().filter(t -> typeNames.isEmpty() || typeNames.contains(t.name())).forEach(t -> {
                ObjectNode to = json.issueType(t);
                if (withFields) {
                    to.set("fields", fields.screen(true));
                }
                ts.add(to);
            });
            ps.add(po);
        });
        Json.send(ctx, 200, out);
    }

    void editMeta(RoutingContext ctx) {
        store.issue(ctx.pathParam("key"));
        ObjectNode out = Json.object();
        out.set("fields", fields.screen(false));
        Json.send(ctx, 200, out);
    }

    void priorities(RoutingContext ctx) {
        Json.send(ctx, 200, json.namedList(store.priorities, "priority"));
    }

    void resolutions(RoutingContext ctx) {
        Json.send(ctx, 200, json.namedList(store.resolutions, "resolution"));
    }

    void issueTypes(RoutingContext ctx) {
        ArrayNode a = Json.array();
        store.issueTypes.forEach(t -> a.add(json.issueType(t)));
        Json.send(ctx, 200, a);
    }

    void statuses(RoutingContext ctx) {
        ArrayNode a = Json.array();
        store.statuses.values().forEach(s -> a.add(json.status(s)));
        Json.send(ctx, 200, a);
    }

    void projects(RoutingContext ctx) {
        ArrayNode a = Json.array();
        store.projects.values().forEach(p -> a.add(json.project(p)));
        Json.send(ctx, 200, a);
    }

    void project(RoutingContext ctx) {
        String k = ctx.pathParam("key");
        Project p = store.projects.values().stream().filter(x -> x.key().equalsIgnoreCase(k) || x.id().equals(k)).findFirst()
                .orElseThrow(() -> new ApiError(404, null, "No project could be found with key '" + k + "'."));
        ObjectNode o = json.project(p);
        ArrayNode types = o.putArray("issueTypes");
        store.issueTypes.forEach(t -> types.add(json.issueType(t)));
        Json.send(ctx, 200, o);
    }

    void user(RoutingContext ctx) {
        String name = ctx.queryParams().get("username");
        if (name == null) {
            name = ctx.queryParams().get("key");
        }
        if (name == null || !store.users.containsKey(name)) {
            throw new ApiError(404, null, "The user named '" + name + "' does not exist");
        }
        Json.send(ctx, 200, json.user(name));
    }

    /** {@code user/search?username=}: a prefix of the name or e-mail, or part of the display name. */
    void searchUsers(RoutingContext ctx) {
        String q = ctx.queryParams().get("username");
        if (q == null || q.isBlank()) {
            throw new ApiError(400, null, "The username query parameter was not provided");
        }
        String needle = q.toLowerCase(Locale.ROOT);
        ArrayNode a = Json.array();
        store.users.values().stream().filter(u -> u.name().toLowerCase(Locale.ROOT).startsWith(needle)
                        || u.displayName().toLowerCase(Locale.ROOT).contains(needle)
                        || u.email().toLowerCase(Locale.ROOT).startsWith(needle))
                .forEach(u -> a.add(json.user(u.name())));
        Json.send(ctx, 200, a);
    }

    void myself(RoutingContext ctx) {
        Json.send(ctx, 200, json.user(ctx.get("user")));
    }

    void serverInfo(RoutingContext ctx) {
        ObjectNode o = Json.object();
        o.put("baseUrl", store.baseUrl).put("version", "9.12.0").put("deploymentType", "Server")
                .put("buildNumber", 9120000).put("serverTitle", "Twinline Jira simulator");
        ArrayNode v = o.putArray("versionNumbers");
        v.add(9).add(12).add(0);
        Json.send(ctx, 200, o);
    }
}
