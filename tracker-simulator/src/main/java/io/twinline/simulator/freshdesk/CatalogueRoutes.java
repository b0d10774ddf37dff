package io.twinline.simulator.freshdesk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.Paging;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.freshdesk.FreshdeskModel.Agent;
import io.twinline.simulator.freshdesk.FreshdeskModel.Contact;
import io.twinline.simulator.freshdesk.FreshdeskModel.CustomFieldDef;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.twinline.simulator.freshdesk.FreshdeskJson.field;

/** The read-only lookups: {@code ticket_fields}, agents, contacts, groups. */
final class CatalogueRoutes {

    private final FreshdeskStore store;
    private final FreshdeskJson json;

    CatalogueRoutes(FreshdeskStore store, FreshdeskJson json) {
        this.store = store;
        this.json = json;
    }

    void ticketFields(RoutingContext ctx) {
        String type = ctx.queryParams().get("type");
        ArrayNode out = Json.array();
        int pos = 1;
        out.add(field(1, "requester", "Search a requester", "default_requester", pos++, null));
        out.add(field(2, "subject", "Subject", "default_subject", pos++, null));
        ObjectNode tt = field(3, "ticket_type", "Type", "default_ticket_type", pos++, null);
        tt.set("choices", Json.strings(TicketInput.TYPES));
        out.add(tt);
        ObjectNode st = field(4, "status", "Status", "default_status", pos++, null);
        ObjectNode sc = st.putObject("choices");
        store.statuses.forEach((code, label) -> sc.set(String.valueOf(code), Json.strings(List.of(label, label))));
        out.add(st);
        ObjectNode pr = field(5, "priority", "Priority", "default_priority", pos++, null);
        pr.putObject("choices").put("Low", 1).put("Medium", 2).put("High", 3).put("Urgent", 4);
        out.add(pr);
        ObjectNode src = field(6, "source", "Source", "default_source", pos++, null);
        src.putObject("choices").put("Email", 1).put("Portal", 2).put("Phone", 3).put("Chat", 7)
                .put("Feedback Widget", 9).put("Outbound Email", 10);
        out.add(src);
        ObjectNode grp = field(7, "group", "Group", "default_group", pos++, null);
        ObjectNode gc = grp.putObject("choices");
        store.groups.forEach((id, name) -> gc.put(name, id));
        out.add(grp);
        ObjectNode ag = field(8, "agent", "Agent", "default_agent", pos++, null);
        ObjectNode ac = ag.putObject("choices");
        store.agents.values().forEach(a -> ac.put(a.name(), a.id()));
        out.add(ag);
        out.add(field(9, "description", "Description", "default_description", pos++, null));
        for (CustomFieldDef d : store.customFieldDefs) {
            ObjectNode f = field(d.id(), d.name(), d.label(), d.type(), pos++, d.choices());
            f.put("default", false);
            out.add(f);
        }
        if (type != null) {
            ArrayNode filtered = Json.array();
            out.forEach(f -> {
                if (f.get("type").asText().equals(type)) {
                    filtered.add(f);
                }
            });
            out = filtered;
        }
        Json.send(ctx, 200, out);
    }

    void listAgents(RoutingContext ctx) {
        String email = ctx.queryParams().get("email");
        ArrayNode out = Json.array();
        store.agents.values().stream().filter(a -> email == null || a.email().equalsIgnoreCase(email))
                .forEach(a -> out.add(json.agent(a)));
        Json.send(ctx, 200, out);
    }

    /** The API key's owner. */
    void me(RoutingContext ctx) {
        Json.send(ctx, 200, json.agent(store.agents.get(1L)));
    }

    void viewAgent(RoutingContext ctx) {
        Json.send(ctx, 200, json.agent(byId(store.agents, ctx.pathParam("id"))));
    }

    void listContacts(RoutingContext ctx) {
        MultiMap q = ctx.queryParams();
        FreshdeskInput.onlyParams(q, Set.of("email", "mobile", "phone", "company_id", "state", "updated_since", "page", "per_page"));
        String email = q.get("email");
        int perPage = FreshdeskInput.intParam(q, "per_page", 30, 1, 100);
        int page = FreshdeskInput.intParam(q, "page", 1, 1, Integer.MAX_VALUE);
        List<Contact> all = store.contacts.values().stream()
                .filter(c -> email == null || c.email().equalsIgnoreCase(email)).toList();
        ArrayNode out = Json.array();
        int from = (page - 1) * perPage;
        Paging.slice(all, from, perPage).forEach(c -> out.add(json.contact(c)));
        if (from + perPage < all.size()) {
            Paging.linkNext(ctx, page);
        }
        Json.send(ctx, 200, out);
    }

    void viewContact(RoutingContext ctx) {
        Json.send(ctx, 200, json.contact(byId(store.contacts, ctx.pathParam("id"))));
    }

    void listGroups(RoutingContext ctx) {
        ArrayNode out = Json.array();
        store.groups.forEach((id, name) -> out.addObject().put("id", id).put("name", name).putNull("description")
                .putNull("escalate_to").put("unassigned_for", "30m").putNull("business_hour_id")
                .set("agent_ids", Json.MAPPER.valueToTree(store.agents.values().stream()
                        .filter(a -> a.groupIds().contains(id)).map(Agent::id).toList())));
        Json.send(ctx, 200, out);
    }

    private static <T> T byId(Map<Long, T> map, String idParam) {
        T v;
        try {
            v = map.get(Long.parseLong(idParam));
        } catch (NumberFormatException e) {
            v = null;
        }
        if (v == null) {
            throw new ApiError(404, "not_found", "Not Found");
        }
        return v;
    }
}
