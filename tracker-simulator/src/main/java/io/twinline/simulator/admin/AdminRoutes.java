package io.twinline.simulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.SimClock;
import io.twinline.simulator.freshdesk.FreshdeskApi;
import io.twinline.simulator.freshdesk.FreshdeskTime;
import io.twinline.simulator.jira.JiraApi;
import io.twinline.simulator.jira.JiraTime;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.BiConsumer;

/**
 * The simulator's own control endpoint under {@code /_sim}: no authentication, never rate limited,
 * never faulty, not counted. Documented in the module README.
 */
public final class AdminRoutes {

    private final SimClock clock;
    private final Counters counters;
    private final FreshdeskApi freshdesk;
    private final JiraApi jira;

    public AdminRoutes(SimClock clock, Counters counters, FreshdeskApi freshdesk, JiraApi jira) {
        this.clock = clock;
        this.counters = counters;
        this.freshdesk = freshdesk;
        this.jira = jira;
    }

    public void mount(Router router) {
        router.get("/_sim/health").handler(ctx -> Json.send(ctx, 200, Json.object().put("status", "UP")));
        router.post("/_sim/reset").handler(ctx -> {
            String api = ctx.queryParams().get("api");
            if (api == null || api.equals("freshdesk")) {
                freshdesk.reset();
            }
            if (api == null || api.equals("jira")) {
                jira.reset();
            }
            if (api == null) {
                counters.reset();
                clock.reset();
            }
            ctx.response().setStatusCode(204).end();
        });
        router.get("/_sim/counters").handler(ctx -> Json.send(ctx, 200, counters.toJson()));
        router.delete("/_sim/counters").handler(ctx -> {
            counters.reset();
            ctx.response().setStatusCode(204).end();
        });
        router.get("/_sim/config").handler(ctx -> Json.send(ctx, 200, config()));
        router.put("/_sim/freshdesk/faults").handler(ctx -> withBody(ctx, (c, b) -> freshdesk.faults().configure(b)));
        router.put("/_sim/jira/faults").handler(ctx -> withBody(ctx, (c, b) -> jira.faults().configure(b)));
        router.put("/_sim/freshdesk/rate-limit").handler(ctx -> withBody(ctx, (c, b) -> freshdesk.configureRateLimit(b)));
        router.put("/_sim/jira/rate-limit").handler(ctx -> withBody(ctx, (c, b) -> jira.configureRateLimit(b)));
        router.put("/_sim/freshdesk/settings").handler(ctx -> withBody(ctx, (c, b) -> {
            if (b.has("searchIndexDelaySeconds")) {
                freshdesk.setSearchIndexDelay(Duration.ofSeconds(b.get("searchIndexDelaySeconds").asLong()));
            }
        }));
        router.put("/_sim/jira/settings").handler(ctx -> withBody(ctx, (c, b) -> {
            if (b.has("uploadLimit")) {
                jira.setUploadLimit(b.get("uploadLimit").asLong());
            }
            if (b.has("captchaThreshold")) {
                jira.setCaptchaThreshold(b.get("captchaThreshold").asInt());
            }
        }));
        router.post("/_sim/jira/reset-failed-logins").handler(ctx -> {
            jira.resetFailedLogins();
            ctx.response().setStatusCode(204).end();
        });
        router.get("/_sim/clock").handler(ctx -> Json.send(ctx, 200, clockJson()));
        router.post("/_sim/clock").handler(ctx -> withBody(ctx, (c, b) -> {
            if (b.path("reset").asBoolean(false)) {
                clock.reset();
            }
            if (b.has("freeze")) {
                JsonNode f = b.get("freeze");
                if (f.isBoolean()) {
                    if (f.asBoolean()) {
                        clock.freeze();
                    }
                } else {
                    clock.freeze(Instant.parse(f.asText()));
                }
            }
            if (b.has("advance")) {
                clock.advance(Duration.parse(b.get("advance").asText()));
            }
            if (b.has("advanceSeconds")) {
                clock.advance(Duration.ofMillis((long) (b.get("advanceSeconds").asDouble() * 1000)));
            }
            if (b.path("unfreeze").asBoolean(false)) {
                clock.unfreeze();
            }
        }));
        router.put("/_sim/freshdesk/tickets/:id/updated_at").handler(ctx -> withBody(ctx, (c, b) ->
                freshdesk.setUpdatedAt(Long.parseLong(c.pathParam("id")), Instant.parse(b.get("updated_at").asText()))));
        router.put("/_sim/jira/issues/:key/updated").handler(ctx -> withBody(ctx, (c, b) ->
                jira.setUpdated(c.pathParam("key"), Instant.parse(b.get("updated").asText()))));
    }

    private ObjectNode clockJson() {
        ObjectNode o = Json.object();
        Instant now = clock.instant();
        o.put("now", now.toString()).put("frozen", clock.isFrozen())
                .put("freshdesk", FreshdeskTime.format(now)).put("jira", JiraTime.format(now));
        return o;
    }

    private ObjectNode config() {
        ObjectNode o = Json.object();
        o.set("clock", clockJson());
        ObjectNode fd = o.putObject("freshdesk");
        fd.set("rateLimit", freshdesk.rateLimitJson());
        fd.set("faults", freshdesk.faults().toJson());
        fd.put("searchIndexDelaySeconds", freshdesk.searchIndexDelay().toSeconds());
        ObjectNode j = o.putObject("jira");
        j.set("rateLimit", jira.rateLimitJson());
        j.set("faults", jira.faults().toJson());
        j.setAll(jira.settingsJson());
        return o;
    }

    /** Parses the JSON body, applies it, answers with the whole configuration (or 400 with the reason). */
    private void withBody(RoutingContext ctx, BiConsumer<RoutingContext, JsonNode> apply) {
        JsonNode body;
        try {
            body = ctx.body().length() == 0 ? Json.object() : Json.body(ctx);
        } catch (IOException e) {
            Json.send(ctx, 400, Json.object().put("error", "body is not JSON"));
            return;
        }
        try {
            apply.accept(ctx, body);
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            Json.send(ctx, 400, Json.object().put("error", String.valueOf(e.getMessage())));
            return;
        }
        Json.send(ctx, 200, config());
    }
}
