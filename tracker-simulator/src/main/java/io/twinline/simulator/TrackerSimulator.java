package io.twinline.simulator;

import io.twinline.simulator.admin.AdminRoutes;
import io.twinline.simulator.admin.Counters;
import io.twinline.simulator.freshdesk.FreshdeskApi;
import io.twinline.simulator.jira.JiraApi;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serves simulated Freshdesk ({@code /api/v2}) and Jira Data Center ({@code /rest/api/2}) APIs plus the
 * {@code /_sim} admin endpoint from one in-memory, plain Vert.x Web server. Tests embed it with
 * {@code new TrackerSimulator().start(0)}; {@code deploy/local/simulator} runs {@link #main}.
 */
public final class TrackerSimulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TrackerSimulator.class);
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final SimClock clock = new SimClock();
    private final Counters counters = new Counters();
    private final FreshdeskApi freshdesk = new FreshdeskApi(clock, counters);
    private final JiraApi jira = new JiraApi(clock, counters);
    private final String host;
    private Vertx vertx;
    private HttpServer server;
    private Path uploads;

    public TrackerSimulator() {
        this("127.0.0.1");
    }

    public TrackerSimulator(String host) {
        this.host = host;
    }

    /** Starts listening; port 0 picks a free port. Returns this. */
    public synchronized TrackerSimulator start(int port) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            uploads = Files.createTempDirectory("twinline-sim-uploads");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create an uploads directory", e);
        }
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(uploads.toString()).setBodyLimit(MAX_BODY_BYTES)
                .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(false));
        new AdminRoutes(clock, counters, freshdesk, jira).mount(router);
        freshdesk.mount(vertx, router);
        jira.mount(vertx, router);
        router.errorHandler(404, ctx -> unmatched(ctx, 404, "Not Found"));
        router.errorHandler(405, ctx -> unmatched(ctx, 405, "Method Not Allowed"));
        router.errorHandler(413, ctx -> unmatched(ctx, 413, "Request Entity Too Large"));
        try {
            server = vertx.createHttpServer().requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("cannot listen on " + host + ":" + port, e.getCause() == null ? e : e.getCause());
        }
        String base = "http://" + host + ":" + server.actualPort();
        freshdesk.setPublicBaseUrl(base);
        jira.setPublicBaseUrl(base);
        LOG.infof("tracker simulator listening on %s (Freshdesk /api/v2, Jira /rest/api/2, admin /_sim)", base);
        return this;
    }

    private void unmatched(RoutingContext ctx, int status, String message) {
        String path = ctx.request().path();
        if (freshdesk.owns(path)) {
            counters.record(freshdesk.name(), ctx.request().method().name() + " (unmatched)", status);
            ctx.response().putHeader("X-Freshdesk-Api-Version", "latest=v2; requested=v2");
            freshdesk.sendError(ctx, status, status == 405 ? "method_not_allowed" : "not_found", message);
        } else if (jira.owns(path)) {
            counters.record(jira.name(), ctx.request().method().name() + " (unmatched)", status);
            jira.sendError(ctx, status, null, message);
        } else {
            ctx.response().setStatusCode(status).end(message);
        }
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.actualPort();
    }

    /** {@code http://127.0.0.1:<port>}, the base of both APIs. */
    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    public synchronized void stop() {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("simulator did not stop cleanly", e);
            }
            vertx = null;
            server = null;
        }
        if (uploads != null) {
            try (var files = Files.walk(uploads)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.debug("could not clean the uploads directory", e);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Forgets all changes: seed data, budgets, faults, counters and the clock back to defaults. */
    public void reset() {
        freshdesk.reset();
        jira.reset();
        counters.reset();
        clock.reset();
    }

    public SimClock clock() {
        return clock;
    }

    public Counters counters() {
        return counters;
    }

    public FreshdeskApi freshdesk() {
        return freshdesk;
    }

    public JiraApi jira() {
        return jira;
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8090;
        String host = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--help", "-h" -> {
                    System.out.println("usage: TrackerSimulator [--port 8090] [--host 127.0.0.1]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        TrackerSimulator sim = new TrackerSimulator(host).start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::stop, "simulator-shutdown"));
        Thread.currentThread().join();
    }
}
