package io.twinline.simulator.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.Requests;
import io.twinline.simulator.SimApi.ApiError;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reading a Freshdesk request: the body (JSON or multipart form), query parameters, and their errors. */
final class FreshdeskInput {

    private FreshdeskInput() {
    }

    /** Rejects any query parameter outside {@code allowed} with Freshdesk's {@code invalid_field}. */
    static void onlyParams(MultiMap q, Set<String> allowed) {
        for (String name : q.names()) {
            if (!allowed.contains(name)) {
                throw new ApiError(400, "invalid_field", name, "Unexpected/invalid field in request");
            }
        }
    }

    static List<String> includes(RoutingContext ctx) {
        String inc = ctx.queryParams().get("include");
        if (inc == null || inc.isBlank()) {
            return List.of();
        }
        return Stream.of(inc.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The request's fields as JSON, from a JSON body or a multipart form (scalars by name, arrays with []). */
    static ObjectNode body(RoutingContext ctx) {
        String ct = ctx.request().getHeader("Content-Type");
        if (Requests.isMultipart(ctx)) {
            ObjectNode o = Json.object();
            MultiMap form = ctx.request().formAttributes();
            for (String name : form.names()) {
                List<String> values = form.getAll(name);
                if (name.startsWith("custom_fields[") && name.endsWith("]")) {
                    ObjectNode cf = o.has("custom_fields") ? (ObjectNode) o.get("custom_fields") : o.putObject("custom_fields");
                    cf.put(name.substring("custom_fields[".length(), name.length() - 1), values.get(0));
                } else if (name.endsWith("[]")) {
                    o.set(name.substring(0, name.length() - 2), Json.strings(values));
                } else {
                    o.set(name, formScalar(name, values.get(0)));
                }
            }
            return o;
        }
        if (ct == null || !ct.toLowerCase().startsWith("application/json")) {
            throw new ApiError(415, "invalid_content_type", "Content-Type header should have application/json");
        }
        try {
            JsonNode n = Json.body(ctx);
            if (!n.isObject()) {
                throw new ApiError(400, "invalid_json", "Request body has invalid json format");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new ApiError(400, "invalid_json", "Request body has invalid json format");
        }
    }

    /** A form value typed as the JSON body would carry it. */
    private static JsonNode formScalar(String name, String value) {
        if (Set.of("status", "priority", "source", "requester_id", "responder_id", "group_id", "company_id",
                "product_id", "user_id", "parent_id").contains(name) && value.matches("\\d+")) {
            return Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(value));
        }
        if (Set.of("private", "incoming").contains(name) && (value.equals("true") || value.equals("false"))) {
            return Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
        }
        return Json.MAPPER.getNodeFactory().textNode(value);
    }

    static int intParam(MultiMap q, String name, int dflt, int min, int max) {
        String v = q.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String range = max == Integer.MAX_VALUE ? "a Positive Number" : "a Number between " + min + " and " + max;
        throw new ApiError(400, "invalid_value", name, "It should be " + range);
    }

    static long longParam(String v, String name) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "datatype_mismatch", name, "It should be a/an Positive Integer");
        }
    }

    /** The JSON type's name as Freshdesk's {@code datatype_mismatch} messages spell it. */
    static String typeName(JsonNode v) {
        if (v.isTextual()) return "String";
        if (v.isNumber()) return "Number";
        if (v.isBoolean()) return "Boolean";
        if (v.isArray()) return "Array";
        if (v.isNull()) return "Null";
        return "key/value pair";
    }

    static List<String> textList(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    static Long longOrNull(JsonNode v) {
        return v == null || v.isNull() ? null : v.asLong();
    }
}
