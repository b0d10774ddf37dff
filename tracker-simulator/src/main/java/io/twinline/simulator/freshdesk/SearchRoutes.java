package io.twinline.simulator.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.Paging;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.freshdesk.FreshdeskModel.CustomFieldDef;
import io.twinline.simulator.freshdesk.FreshdeskModel.Ticket;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** {@code /api/v2/search/tickets}: the quoted query language of {@link FreshdeskQuery}, 30 per page, with index lag. */
final class SearchRoutes {

    private static final int PAGE_SIZE = 30;

    private final FreshdeskStore store;
    private final FreshdeskJson json;

    SearchRoutes(FreshdeskStore store, FreshdeskJson json) {
        this.store = store;
        this.json = json;
    }

    void search(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        FreshdeskInput.onlyParams(q, Set.of("query", "page"));
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
        int page = FreshdeskInput.intParam(q, "page", 1, 1, 10);
        Set<String> custom = store.customFieldDefs.stream().map(CustomFieldDef::name).collect(Collectors.toSet());
        Predicate<FreshdeskQuery.Fields> p;
        try {
            p = FreshdeskQuery.parse(expr, custom);
        } catch (FreshdeskQuery.ParseError e) {
            throw new ApiError(400, "invalid_value", "query", e.getMessage());
        }
        // Changes reach the search index only after the configured delay (minutes on the real service).
        Instant indexedUpTo = store.now().minus(store.searchIndexDelay);
        List<Ticket> hits = store.tickets.values().stream().filter(t -> !t.deleted && !t.spam)
                .filter(t -> !t.updatedAt.isAfter(indexedUpTo))
                .filter(t -> p.test(fields(t)))
                .sorted(Comparator.comparing((Ticket t) -> t.createdAt).thenComparingLong(t -> t.id).reversed())
                .toList();
        ObjectNode out = Json.object();
        ArrayNode results = out.putArray("results");
        Paging.slice(hits, (page - 1) * PAGE_SIZE, PAGE_SIZE).forEach(t -> results.add(json.ticket(t, true)));
        out.put("total", hits.size());
        Json.send(ctx, 200, out);
    }

    /** A ticket's values as the query language names them. */
    private static FreshdeskQuery.Fields fields(Ticket t) {
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
}
