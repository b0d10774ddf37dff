package io.twinline.simulator;

import io.twinline.simulator.admin.Counters;
import io.twinline.simulator.admin.Faults;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * What both simulated APIs share: every endpoint goes through the same pipeline — count the request,
 * authenticate, charge the rate budget, apply injected faults, then answer.
 */
public abstract class SimApi {

    private static final Logger LOG = Logger.getLogger(SimApi.class);
    private static final String LOST_RESPONSE = "twinline.sim.lostResponse";

    protected final String name;
    protected final SimClock clock;
    protected final Counters counters;
    protected final Faults faults = new Faults();
    protected Vertx vertx;

    protected SimApi(String name, SimClock clock, Counters counters) {
        this.name = name;
        this.clock = clock;
        this.counters = counters;
    }

    public String name() {
        return name;
    }

    public Faults faults() {
        return faults;
    }

    /** Registers the API's routes. */
    public abstract void mount(Vertx vertx, Router router);

    /** Forgets every change: seed data, budgets, faults back to their defaults. */
    public abstract void reset();

    /** True when the path belongs to this API (used for 404/405 bodies). */
    public abstract boolean owns(String path);

    /** Writes an error in this API's own shape. */
    public abstract void sendError(RoutingContext ctx, int status, String code, String message);

    /** Writes a handler's error (possibly several field errors) in this API's own shape. */
    protected abstract void sendApiError(RoutingContext ctx, ApiError e);

    /**
     * The lock every handler runs under: the API's state is plain collections, and the admin hooks that tests
     * call from their own threads take the same lock.
     */
    protected abstract Object monitor();

    /** Checks credentials; on failure writes the answer and returns false. */
    protected abstract boolean authenticate(RoutingContext ctx);

    /** Charges the budget and writes the rate-limit headers; on exhaustion writes 429 and returns false. */
    protected abstract boolean chargeBudget(RoutingContext ctx, String endpoint);

    /** An injected 429, with this API's headers. */
    protected abstract void sendInjectedTooMany(RoutingContext ctx, int retryAfterSeconds);

    protected void route(Router router, HttpMethod method, String path, Handler<RoutingContext> handler) {
        String endpoint = method.name() + " " + path;
        router.route(method, path).handler(ctx -> {
            ctx.addHeadersEndHandler(v -> {
                Integer lost = ctx.get(LOST_RESPONSE);
                if (lost != null) {
                    // The work is done but the client sees a failure: the "did it happen?" case.
                    ctx.response().setStatusCode(lost);
                }
                counters.record(name, endpoint, ctx.response().getStatusCode());
            });
            if (!authenticate(ctx) || !chargeBudget(ctx, endpoint)) {
                return;
            }
            Faults.Decision d = faults.next(endpoint + " " + ctx.request().uri());
            Runnable answer = () -> {
                if (d.afterHandler()) {
                    ctx.put(LOST_RESPONSE, d.status());
                    safely(ctx, handler);
                } else if (d.status() == 429) {
                    sendInjectedTooMany(ctx, d.retryAfterSeconds());
                } else if (d.status() != 0) {
                    sendError(ctx, d.status(), "injected_fault", "Injected fault " + d.status());
                } else {
                    safely(ctx, handler);
                }
            };
            if (d.delayMillis() > 0) {
                vertx.setTimer(d.delayMillis(), t -> answer.run());
            } else {
                answer.run();
            }
        });
    }

    private void safely(RoutingContext ctx, Handler<RoutingContext> handler) {
        try {
            synchronized (monitor()) {
                handler.handle(ctx);
            }
        } catch (ApiError e) {
            sendApiError(ctx, e);
        } catch (RuntimeException e) {
            LOG.error("simulator handler failed", e);
            sendError(ctx, 500, "internal_error", "Unexpected server error");
        }
    }

    /** Thrown by handlers to answer with an error in the API's shape. */
    public static class ApiError extends RuntimeException {
        public final int status;
        public final String code;
        public final java.util.List<FieldError> fieldErrors;

        public ApiError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
            this.fieldErrors = java.util.List.of();
        }

        public ApiError(int status, String code, String field, String message) {
            this(status, message, java.util.List.of(new FieldError(field, message, code)));
        }

        public ApiError(int status, String description, java.util.List<FieldError> fieldErrors) {
            super(description);
            this.status = status;
            this.code = fieldErrors.isEmpty() ? null : fieldErrors.get(0).code();
            this.fieldErrors = java.util.List.copyOf(fieldErrors);
        }
    }

    /** One field's validation error. */
    public record FieldError(String field, String message, String code) {
    }
}
