package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.Paging;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.SimClock;
import io.twinline.simulator.jira.JiraModel.Issue;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.twinline.simulator.jira.JiraInput.intParam;

/** {@code /search} (GET and POST): JQL over the issues, {@code startAt}/{@code maxResults} paging. */
final class SearchRoutes {

    private final JiraStore store;
    private final JiraJson json;
    private final IssueIndex index;
    private final SimClock clock;

    SearchRoutes(JiraStore store, JiraJson json, SimClock clock) {
        this.store = store;
        this.json = json;
        this.index = new IssueIndex(store);
        this.clock = clock;
    }

    void get(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        search(ctx, q.get("jql"), intParam(q, "startAt", 0), intParam(q, "maxResults", 50),
                q.get("fields") == null ? "*navigable" : q.get("fields"));
    }

    void post(RoutingContext ctx) {
        JsonNode body = JiraInput.body(ctx);
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

    private void search(RoutingContext ctx, String jql, int startAt, int maxResults, String fields) {
        Jql.Query query;
        try {
            query = Jql.parse(jql, index.catalogue(), clock.instant());
        } catch (Jql.JqlException e) {
            throw new ApiError(400, null, e.getMessage());
        }
        List<Issue> hits = store.issues.values().stream().filter(i -> query.where().test(index.subject(i))).toList();
        List<Jql.Order> order = query.orderBy().isEmpty() ? List.of(new Jql.Order("key", false)) : query.orderBy();
        Comparator<Jql.Subject> cmp = Jql.comparator(order, (a, b) -> 0);
        Map<Jql.Subject, Issue> bySubject = new LinkedHashMap<>();
        hits.forEach(i -> bySubject.put(index.subject(i), i));
        List<Issue> sorted = bySubject.entrySet().stream().sorted((a, b) -> cmp.compare(a.getKey(), b.getKey()))
                .map(Map.Entry::getValue).toList();
        int effectiveMax = Math.min(maxResults, JiraApi.MAX_RESULTS);
        ObjectNode out = Json.object();
        out.put("expand", "schema,names");
        out.put("startAt", startAt).put("maxResults", effectiveMax).put("total", sorted.size());
        ArrayNode arr = out.putArray("issues");
        for (Issue i : Paging.slice(sorted, startAt, effectiveMax)) {
            ObjectNode issue = json.issue(i, fields);
            issue.put("expand", "operations,versionedRepresentations,editmeta,changelog,renderedFields");
            arr.add(issue);
        }
        Json.send(ctx, 200, out);
    }
}
