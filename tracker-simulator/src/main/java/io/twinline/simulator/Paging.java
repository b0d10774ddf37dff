package io.twinline.simulator;

import io.vertx.ext.web.RoutingContext;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Pages of a result list, as both APIs cut them (Freshdesk by page number, Jira by {@code startAt}). */
public final class Paging {

    private Paging() {
    }

    /** The items from {@code from} (0-based), at most {@code size} of them; empty past the end. */
    public static <T> List<T> slice(List<T> all, int from, int size) {
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList(from, (int) Math.min(all.size(), (long) from + size));
    }

    /** {@code scheme://host} of the request, as the client addressed it. */
    public static String baseUrl(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        return ctx.request().scheme() + "://" + (host == null ? "127.0.0.1" : host);
    }

    /** The same request with another page number, as an absolute URL. */
    public static String pageUrl(RoutingContext ctx, int page) {
        StringBuilder sb = new StringBuilder(baseUrl(ctx)).append(ctx.request().path()).append('?');
        Map<String, String> params = new LinkedHashMap<>();
        String raw = ctx.request().query();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                params.put(k, eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        params.put("page", String.valueOf(page));
        sb.append(params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + e.getValue())
                .collect(Collectors.joining("&")));
        return sb.toString();
    }

    /** Adds {@code Link: <…page=N+1>; rel="next"} (Freshdesk's way of saying another page exists). */
    public static void linkNext(RoutingContext ctx, int page) {
        ctx.response().putHeader("Link", "<" + pageUrl(ctx, page + 1) + ">; rel=\"next\"");
    }
}
