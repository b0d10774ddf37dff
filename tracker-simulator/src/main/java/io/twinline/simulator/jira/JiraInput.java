package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.SimApi.FieldError;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading a Jira request: the JSON body, query parameters, and Jira's field-keyed errors. */
final class JiraInput {

    private JiraInput() {
    }

    static JsonNode body(RoutingContext ctx) {
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

    /** A 400 {@code {"errors": {field: message}}}. */
    static ApiError fieldError(Map<String, String> errors) {
        return new ApiError(400, "Validation failed", errors.entrySet().stream()
                .map(en -> new FieldError(en.getKey(), en.getValue(), "invalid")).toList());
    }

    static int intParam(MultiMap q, String name, int dflt) {
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

    static Set<String> splitParam(String v) {
        if (v == null || v.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).collect(Collectors.toSet());
    }
}
