package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.SimApi;
import io.twinline.simulator.SimClock;
import io.twinline.simulator.admin.Counters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;

/**
 * A stateful Jira Data Center REST API v2 under {@code /rest/api/2} (and {@code /rest/api/latest}): the login,
 * the rate limit, the error shape and the routes; the state lives in {@link JiraStore}, each resource's handlers
 * in its own class. The module README lists what is simulated.
 */
public final class JiraApi extends SimApi {

    public static final String TOKEN = "demo-token";
    public static final long DEFAULT_UPLOAD_LIMIT = 10_485_760L;
    /** The cap on {@code maxResults} of searches and comment pages. */
    static final int MAX_RESULTS = 1000;
    private static final List<String> PREFIXES = List.of("/rest/api/2", "/rest/api/latest");

    private final JiraStore store;
    private final JiraLogin login = new JiraLogin();
    private final JiraRateLimit rateLimit = new JiraRateLimit();
    private final IssueRoutes issues;
    private final TransitionRoutes transitions;
    private final CommentRoutes comments;
    private final AttachmentRoutes attachments;
    private final PropertyRoutes properties;
    private final SearchRoutes search;
    private final CatalogueRoutes catalogue;

    public JiraApi(SimClock clock, Counters counters) {
        super("jira", clock, counters);
        store = new JiraStore(clock);
        JiraJson json = new JiraJson(store);
        FieldCatalogue fields = new FieldCatalogue(store, json);
        issues = new IssueRoutes(store, json, fields);
        transitions = new TransitionRoutes(store, json);
        comments = new CommentRoutes(store, json);
        attachments = new AttachmentRoutes(store, json);
        properties = new PropertyRoutes(store);
        search = new SearchRoutes(store, json, clock);
        catalogue = new CatalogueRoutes(store, json, fields);
        reset();
    }

    @Override
    public void reset() {
        synchronized (store) {
            store.reset();
            login.reset();
            rateLimit.reset();
            faults.reset();
        }
    }

    @Override
    protected Object monitor() {
        return store;
    }

    // ---- test and admin hooks -------------------------------------------------------------------

    /** Sets an issue's {@code updated} time (tests of identical timestamps and page boundaries). */
    public void setUpdated(String idOrKey, Instant at) {
        synchronized (store) {
            JiraModel.Issue i = store.find(idOrKey);
            if (i == null) {
                throw new IllegalArgumentException("no issue " + idOrKey);
            }
            i.updated = JiraTime.truncate(at);
        }
    }

    public void configureRateLimit(JsonNode cfg) {
        rateLimit.configure(cfg);
    }

    public ObjectNode rateLimitJson() {
        return rateLimit.toJson();
    }

    /** Sets the attachment size limit in bytes. */
    public void setUploadLimit(long bytes) {
        synchronized (store) {
            store.uploadLimit = bytes;
        }
    }

    /** Consecutive failed Basic logins before the CAPTCHA lock-out (0 = never). */
    public void setCaptchaThreshold(int n) {
        login.setCaptchaThreshold(n);
    }

    /** What an administrator does to lift a CAPTCHA lock-out. */
    public void resetFailedLogins() {
        login.resetFailedLogins();
    }

    public ObjectNode settingsJson() {
        ObjectNode o = Json.object();
        synchronized (store) {
            o.put("uploadLimit", store.uploadLimit);
        }
        login.writeSettings(o);
        return o;
    }

    public void setPublicBaseUrl(String baseUrl) {
        synchronized (store) {
            store.baseUrl = baseUrl;
        }
    }

    // ---- pipeline -------------------------------------------------------------------------------

    @Override
    public boolean owns(String path) {
        return path.startsWith("/rest/") || path.startsWith("/secure/");
    }

    @Override
    protected boolean authenticate(RoutingContext ctx) {
        String baseUrl;
        synchronized (store) {
            baseUrl = store.baseUrl;
        }
        return login.authenticate(ctx, baseUrl);
    }

    @Override
    protected boolean chargeBudget(RoutingContext ctx, String endpoint) {
        String user = ctx.get("user");
        if (!rateLimit.enabledFor(user)) {
            return true;
        }
        JiraRateLimit.Result r = rateLimit.take(user, clock.instant());
        ctx.response().putHeader("X-RateLimit-Limit", String.valueOf(r.capacity()))
                .putHeader("X-RateLimit-Remaining", String.valueOf(r.remaining()))
                .putHeader("X-RateLimit-Interval-Seconds", String.valueOf(r.intervalSeconds()))
                .putHeader("X-RateLimit-FillRate", String.valueOf(r.fillRate()))
                .putHeader("retry-after", String.valueOf(r.retryAfter()));
        if (!r.allowed()) {
            sendError(ctx, 429, null, "Rate limit exceeded.");
            return false;
        }
        return true;
    }

    @Override
    protected void sendInjectedTooMany(RoutingContext ctx, int retryAfterSeconds) {
        ctx.response().putHeader("retry-after", String.valueOf(retryAfterSeconds));
        sendError(ctx, 429, null, "Rate limit exceeded.");
    }

    @Override
    public void sendError(RoutingContext ctx, int status, String code, String message) {
        error(ctx, status, message);
    }

    /** Jira's error shape: {@code {"errorMessages": [message], "errors": {}}}. */
    static void error(RoutingContext ctx, int status, String message) {
        ObjectNode body = Json.object();
        body.putArray("errorMessages").add(message);
        body.putObject("errors");
        Json.send(ctx, status, body);
    }

    @Override
    protected void sendApiError(RoutingContext ctx, ApiError e) {
        ObjectNode body = Json.object();
        ArrayNode messages = body.putArray("errorMessages");
        ObjectNode errors = body.putObject("errors");
        if (e.fieldErrors.isEmpty()) {
            messages.add(e.getMessage());
        } else {
            e.fieldErrors.forEach(fe -> errors.put(fe.field(), fe.message()));
        }
        Json.send(ctx, e.status, body);
    }

    // ---- routes ---------------------------------------------------------------------------------

    @Override
    public void mount(Vertx vertx, Router router) {
        this.vertx = vertx;
        for (String p : PREFIXES) {
            route(router, HttpMethod.POST, p + "/issue", issues::create);
            route(router, HttpMethod.GET, p + "/issue/createmeta", catalogue::createMeta);
            route(router, HttpMethod.GET, p + "/issue/:key", issues::get);
            route(router, HttpMethod.PUT, p + "/issue/:key", issues::edit);
            route(router, HttpMethod.DELETE, p + "/issue/:key", issues::delete);
            route(router, HttpMethod.GET, p + "/issue/:key/editmeta", catalogue::editMeta);
            route(router, HttpMethod.PUT, p + "/issue/:key/assignee", issues::assign);
            route(router, HttpMethod.GET, p + "/issue/:key/transitions", transitions::list);
            route(router, HttpMethod.POST, p + "/issue/:key/transitions", transitions::perform);
            route(router, HttpMethod.GET, p + "/issue/:key/comment", comments::list);
            route(router, HttpMethod.POST, p + "/issue/:key/comment", comments::add);
            route(router, HttpMethod.GET, p + "/issue/:key/comment/:cid", comments::get);
            route(router, HttpMethod.PUT, p + "/issue/:key/comment/:cid", comments::update);
            route(router, HttpMethod.DELETE, p + "/issue/:key/comment/:cid", comments::delete);
            route(router, HttpMethod.POST, p + "/issue/:key/attachments", attachments::add);
            route(router, HttpMethod.GET, p + "/issue/:key/properties", properties::list);
            route(router, HttpMethod.GET, p + "/issue/:key/properties/:prop", properties::get);
            route(router, HttpMethod.PUT, p + "/issue/:key/properties/:prop", properties::put);
            route(router, HttpMethod.DELETE, p + "/issue/:key/properties/:prop", properties::delete);
            route(router, HttpMethod.GET, p + "/attachment/meta", attachments::meta);
            route(router, HttpMethod.GET, p + "/attachment/:id", attachments::get);
            route(router, HttpMethod.DELETE, p + "/attachment/:id", attachments::delete);
            route(router, HttpMethod.GET, p + "/search", search::get);
            route(router, HttpMethod.POST, p + "/search", search::post);
            route(router, HttpMethod.GET, p + "/field", catalogue::fields);
            route(router, HttpMethod.GET, p + "/priority", catalogue::priorities);
            route(router, HttpMethod.GET, p + "/resolution", catalogue::resolutions);
            route(router, HttpMethod.GET, p + "/issuetype", catalogue::issueTypes);
            route(router, HttpMethod.GET, p + "/status", catalogue::statuses);
            route(router, HttpMethod.GET, p + "/project", catalogue::projects);
            route(router, HttpMethod.GET, p + "/project/:key", catalogue::project);
            route(router, HttpMethod.GET, p + "/user", catalogue::user);
            route(router, HttpMethod.GET, p + "/user/search", catalogue::searchUsers);
            route(router, HttpMethod.GET, p + "/myself", catalogue::myself);
            route(router, HttpMethod.GET, p + "/serverInfo", catalogue::serverInfo);
        }
        route(router, HttpMethod.GET, "/secure/attachment/:id/:filename", attachments::download);
    }
}
