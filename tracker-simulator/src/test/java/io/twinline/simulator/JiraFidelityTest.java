package io.twinline.simulator;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the simulated Jira DC against Jira's documented behaviour (docs/tracker-simulator.md), over real HTTP. */
class JiraFidelityTest {

    static TrackerSimulator sim;
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000";

    @BeforeAll
    static void start() {
        sim = new TrackerSimulator().start(0);
    }

    @AfterAll
    static void stop() {
        sim.stop();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    RequestSpecification jira() {
        return RestAssured.given().baseUri(sim.baseUrl()).auth().preemptive().basic("admin", "admin");
    }

    RequestSpecification bearer() {
        return RestAssured.given().baseUri(sim.baseUrl()).header("Authorization", "Bearer demo-token");
    }

    String createIssue(String summary, List<String> labels) {
        Response r = jira().contentType("application/json").body(Map.of("fields", Map.of(
                "project", Map.of("key", "TEST"), "issuetype", Map.of("name", "Task"), "summary", summary,
                "labels", labels))).post("/rest/api/2/issue");
        assertThat(r.statusCode()).isEqualTo(201);
        return r.jsonPath().getString("key");
    }

    @Test
    void authBasicBearerAndFailureSignals() {
        assertThat(jira().get("/rest/api/2/myself").jsonPath().getString("name")).isEqualTo("admin");
        assertThat(bearer().get("/rest/api/2/myself").statusCode()).isEqualTo(200);
        Response wrong = RestAssured.given().baseUri(sim.baseUrl()).auth().preemptive().basic("admin", "bad").get("/rest/api/2/myself");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.header("X-Seraph-LoginReason")).isEqualTo("AUTHENTICATED_FAILED");
        assertThat(wrong.contentType()).startsWith("application/json");
        Response badToken = RestAssured.given().baseUri(sim.baseUrl()).header("Authorization", "Bearer nope").get("/rest/api/2/myself");
        assertThat(badToken.statusCode()).isEqualTo(401);
    }

    @Test
    void consecutiveFailuresLockBasicAuthBehindACaptcha() {
        for (int i = 0; i < 3; i++) {
            RestAssured.given().baseUri(sim.baseUrl()).auth().preemptive().basic("jdoe", "bad").get("/rest/api/2/myself");
        }
        // Now even the right password is refused without being checked.
        Response locked = RestAssured.given().baseUri(sim.baseUrl()).auth().preemptive().basic("jdoe", "jdoe").get("/rest/api/2/myself");
        assertThat(locked.statusCode()).isEqualTo(403);
        assertThat(locked.header("X-Seraph-LoginReason")).isEqualTo("AUTHENTICATION_DENIED");
        assertThat(locked.header("X-Authentication-Denied-Reason")).startsWith("CAPTCHA_CHALLENGE; login-url=");
        assertThat(locked.contentType()).startsWith("text/html");
        RestAssured.given().baseUri(sim.baseUrl()).post("/_sim/jira/reset-failed-logins").then().statusCode(204);
        assertThat(RestAssured.given().baseUri(sim.baseUrl()).auth().preemptive().basic("jdoe", "jdoe")
                .get("/rest/api/2/myself").statusCode()).isEqualTo(200);
    }

    @Test
    void createGetEditWithIdsAsStringsKeysPerProjectAndAbsoluteSelf() {
        Response r = jira().contentType("application/json").body(Map.of("fields", Map.of(
                "project", Map.of("key", "OPS"), "issuetype", Map.of("name", "Bug"), "summary", "Disk full",
                "description", "h1. Oops", "priority", Map.of("name", "High"), "customfield_10200", Map.of("value", "finance"))))
                .post("/rest/api/2/issue");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.jsonPath().getMap("")).containsOnlyKeys("id", "key", "self");
        assertThat(r.jsonPath().get("id") instanceof String).isTrue();
        assertThat(r.jsonPath().getString("key")).isEqualTo("OPS-2");
        assertThat(r.jsonPath().getString("self")).isEqualTo(sim.baseUrl() + "/rest/api/2/issue/" + r.jsonPath().getString("id"));
        Response got = jira().get("/rest/api/2/issue/OPS-2");
        assertThat(got.jsonPath().getString("id")).isEqualTo(r.jsonPath().getString("id"));
        assertThat(jira().get("/rest/api/2/issue/" + r.jsonPath().getString("id")).jsonPath().getString("key")).isEqualTo("OPS-2");
        assertThat(got.jsonPath().getString("fields.created")).matches(TIMESTAMP);
        assertThat(got.jsonPath().getString("fields.status.name")).isEqualTo("Open");
        assertThat(got.jsonPath().getInt("fields.status.statusCategory.id")).isEqualTo(2);
        assertThat(got.jsonPath().getString("fields.status.statusCategory.key")).isEqualTo("new");
        assertThat(got.jsonPath().getString("fields.priority.name")).isEqualTo("High");
        assertThat(got.jsonPath().getString("fields.customfield_10200.value")).isEqualTo("finance");
        assertThat(got.jsonPath().getString("fields.reporter.self")).endsWith("/rest/api/2/user?username=admin");
        assertThat(got.jsonPath().getMap("fields.comment")).containsKeys("comments", "startAt", "maxResults", "total");
        sim.clock().advance(Duration.ofSeconds(2));
        Response edit = jira().contentType("application/json").body(Map.of(
                "fields", Map.of("summary", "Disk really full"),
                "update", Map.of("labels", List.of(Map.of("add", "storage"), Map.of("add", "urgent")))))
                .put("/rest/api/2/issue/OPS-2");
        assertThat(edit.statusCode()).isEqualTo(204);
        assertThat(edit.asString()).isEmpty();
        Response after = jira().get("/rest/api/2/issue/OPS-2?fields=summary,labels,updated");
        assertThat(after.jsonPath().getMap("fields")).containsOnlyKeys("summary", "labels", "updated");
        assertThat(after.jsonPath().getList("fields.labels")).containsExactly("storage", "urgent");
        assertThat(after.jsonPath().getString("fields.updated")).isNotEqualTo(got.jsonPath().getString("fields.updated"));
        jira().contentType("application/json").body(Map.of("update", Map.of("labels", List.of(Map.of("remove", "urgent")))))
                .put("/rest/api/2/issue/OPS-2").then().statusCode(204);
        assertThat(jira().get("/rest/api/2/issue/OPS-2").jsonPath().getList("fields.labels")).containsExactly("storage");
        assertThat(jira().get("/rest/api/latest/issue/OPS-2").statusCode()).isEqualTo(200);
    }

    @Test
    void errorCollectionsForValidationAndNotFound() {
        Response missing = jira().contentType("application/json").body(Map.of("fields", Map.of("project", Map.of("key", "TEST"))))
                .post("/rest/api/2/issue");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.jsonPath().getMap("errors")).containsKeys("summary", "issuetype");
        assertThat(missing.jsonPath().getString("errors.summary")).isEqualTo("Summary is required");
        assertThat(missing.jsonPath().getList("errorMessages")).isEmpty();
        Response status = jira().contentType("application/json").body(Map.of("fields", Map.of("status", Map.of("name", "Closed"))))
                .put("/rest/api/2/issue/TEST-1");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(status.jsonPath().getString("errors.status")).contains("cannot be set. It is not on the appropriate screen, or unknown.");
        Response unknownField = jira().contentType("application/json").body(Map.of("fields", Map.of("customfield_99999", "x")))
                .put("/rest/api/2/issue/TEST-1");
        assertThat(unknownField.jsonPath().getString("errors.customfield_99999"))
                .isEqualTo("Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown.");
        Response notFound = jira().get("/rest/api/2/issue/TEST-999");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.jsonPath().getList("errorMessages")).containsExactly("Issue does not exist or you do not have permission to see it.");
        assertThat(notFound.jsonPath().getMap("errors")).isEmpty();
        assertThat(notFound.contentType()).startsWith("application/json");
        Response both = jira().contentType("application/json").body(Map.of("fields", Map.of("labels", List.of("a")),
                "update", Map.of("labels", List.of(Map.of("add", "b"))))).put("/rest/api/2/issue/TEST-1");
        assertThat(both.statusCode()).isEqualTo(400);
    }

    @Test
    void statusChangesOnlyThroughAvailableTransitions() {
        Response ts = jira().get("/rest/api/2/issue/TEST-1/transitions?expand=transitions.fields");
        assertThat(ts.jsonPath().getList("transitions.name")).contains("Start Progress", "Resolve Issue", "Close Issue");
        assertThat(ts.jsonPath().getString("transitions[0].id")).matches("\\d+");
        assertThat(ts.jsonPath().getMap("transitions.find { it.name == 'Resolve Issue' }.fields")).containsKey("resolution");
        assertThat(ts.jsonPath().getString("transitions.find { it.name == 'Start Progress' }.to.name")).isEqualTo("In Progress");
        String before = jira().get("/rest/api/2/issue/TEST-1").jsonPath().getString("fields.updated");
        sim.clock().advance(Duration.ofSeconds(1));
        Response go = jira().contentType("application/json").body(Map.of("transition", Map.of("id", "4"))).post("/rest/api/2/issue/TEST-1/transitions");
        assertThat(go.statusCode()).isEqualTo(204);
        Response after = jira().get("/rest/api/2/issue/TEST-1");
        assertThat(after.jsonPath().getString("fields.status.name")).isEqualTo("In Progress");
        assertThat(after.jsonPath().getString("fields.updated")).isNotEqualTo(before);
        // "Start Progress" is not available from In Progress
        Response unavailable = jira().contentType("application/json").body(Map.of("transition", Map.of("id", "4"))).post("/rest/api/2/issue/TEST-1/transitions");
        assertThat(unavailable.statusCode()).isEqualTo(400);
        assertThat(unavailable.jsonPath().getMap("")).containsKeys("errorMessages", "errors");
        Response notOnScreen = jira().contentType("application/json").body(Map.of("transition", Map.of("id", "301"),
                "fields", Map.of("summary", "x"))).post("/rest/api/2/issue/TEST-1/transitions");
        assertThat(notOnScreen.statusCode()).isEqualTo(400);
        jira().contentType("application/json").body(Map.of("transition", Map.of("id", "5"), "fields", Map.of("resolution", Map.of("name", "Won't Fix"))))
                .post("/rest/api/2/issue/TEST-1/transitions").then().statusCode(204);
        assertThat(jira().get("/rest/api/2/issue/TEST-1").jsonPath().getString("fields.resolution.name")).isEqualTo("Won't Fix");
    }

    @Test
    void searchPagesWithStartAtClampsMaxResultsAndComparesMinutes() {
        sim.clock().freeze(Instant.parse("2030-01-01T10:15:42Z"));
        String k1 = createIssue("one", List.of("sync"));
        sim.clock().advance(Duration.ofSeconds(10));
        String k2 = createIssue("two", List.of("sync"));
        sim.clock().advance(Duration.ofMinutes(2));
        String k3 = createIssue("three", List.of("other"));
        // minute resolution: "10:15" includes everything from 10:15:00.000 on
        Response r = jira().queryParam("jql", "project = TEST AND updated >= \"2030-01-01 10:15\" ORDER BY updated ASC, key ASC")
                .queryParam("maxResults", 2).get("/rest/api/2/search");
        assertThat(r.jsonPath().getInt("total")).isEqualTo(3);
        assertThat(r.jsonPath().getInt("maxResults")).isEqualTo(2);
        assertThat(r.jsonPath().getInt("startAt")).isZero();
        assertThat(r.jsonPath().getList("issues.key")).containsExactly(k1, k2);
        Response p2 = jira().queryParam("jql", "project = TEST AND updated >= \"2030-01-01 10:15\" ORDER BY updated ASC, key ASC")
                .queryParam("maxResults", 2).queryParam("startAt", 2).get("/rest/api/2/search");
        assertThat(p2.jsonPath().getList("issues.key")).containsExactly(k3);
        Response after16 = jira().queryParam("jql", "updated >= \"2030-01-01 10:16\"").get("/rest/api/2/search");
        assertThat(after16.jsonPath().getList("issues.key")).containsExactly(k3);
        Response labels = jira().contentType("application/json").body(Map.of("jql", "labels = sync OR key = " + k3 + " ORDER BY key DESC",
                "maxResults", 5000, "fields", List.of("summary"))).post("/rest/api/2/search");
        assertThat(labels.jsonPath().getInt("maxResults")).isEqualTo(1000);
        assertThat(labels.jsonPath().getList("issues.key")).containsExactly(k3, k2, k1);
        assertThat(labels.jsonPath().getMap("issues[0].fields")).containsOnlyKeys("summary");
        Response navigable = jira().queryParam("jql", "key = " + k1).get("/rest/api/2/search");
        assertThat(navigable.jsonPath().getMap("issues[0].fields")).containsKey("summary").doesNotContainKey("comment");
        assertThat(navigable.jsonPath().getInt("maxResults")).isEqualTo(50);
        Response status = jira().queryParam("jql", "project = TEST AND status = Open AND labels in (sync, other)").get("/rest/api/2/search");
        assertThat(status.jsonPath().getInt("total")).isEqualTo(3);
        Response bad = jira().queryParam("jql", "project = NOPE").get("/rest/api/2/search");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.jsonPath().getString("errorMessages[0]")).contains("NOPE");
        assertThat(jira().queryParam("jql", "bogusfield = 1").get("/rest/api/2/search").statusCode()).isEqualTo(400);
        assertThat(jira().queryParam("jql", "updated >= 2030-01-01 10:15").get("/rest/api/2/search").statusCode()).isEqualTo(400);
    }

    @Test
    void commentsPageAndKeepVisibility() {
        Response c = jira().contentType("application/json").body(Map.of("body", "secret", "visibility", Map.of("type", "role", "value", "Developers")))
                .post("/rest/api/2/issue/TEST-1/comment");
        assertThat(c.statusCode()).isEqualTo(201);
        assertThat(c.jsonPath().getString("visibility.type")).isEqualTo("role");
        assertThat(c.jsonPath().getString("id")).matches("\\d+");
        assertThat(c.jsonPath().getString("self")).endsWith("/rest/api/2/issue/10000/comment/" + c.jsonPath().getString("id"));
        assertThat(c.jsonPath().getString("author.name")).isEqualTo("admin");
        assertThat(c.jsonPath().getString("created")).matches(TIMESTAMP);
        Response pub = jira().contentType("application/json").body(Map.of("body", "public")).post("/rest/api/2/issue/TEST-1/comment");
        assertThat(pub.jsonPath().getMap("")).doesNotContainKey("visibility");
        Response page = jira().get("/rest/api/2/issue/TEST-1/comment?maxResults=1");
        assertThat(page.jsonPath().getInt("total")).isEqualTo(2);
        assertThat(page.jsonPath().getList("comments")).hasSize(1);
        String id = c.jsonPath().getString("id");
        Response upd = jira().contentType("application/json").body(Map.of("body", "still secret")).put("/rest/api/2/issue/TEST-1/comment/" + id);
        assertThat(upd.statusCode()).isEqualTo(200);
        assertThat(upd.jsonPath().getString("visibility.value")).isEqualTo("Developers");
        assertThat(jira().delete("/rest/api/2/issue/TEST-1/comment/" + id).statusCode()).isEqualTo(204);
        assertThat(jira().get("/rest/api/2/issue/TEST-1/comment/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void attachmentsNeedTheXsrfHeaderThePartNameFileAndRespectTheLimit() {
        Response noToken = jira().multiPart("file", "a.txt", "hello".getBytes(), "text/plain").post("/rest/api/2/issue/TEST-1/attachments");
        assertThat(noToken.statusCode()).isEqualTo(403);
        Response ok = jira().header("X-Atlassian-Token", "no-check")
                .multiPart("file", "a.txt", "hello".getBytes(), "text/plain")
                .multiPart("file", "b.png", new byte[] {1, 2, 3}, "image/png")
                .post("/rest/api/2/issue/TEST-1/attachments");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.jsonPath().getList("filename")).containsExactly("a.txt", "b.png");
        assertThat(ok.jsonPath().getMap("[0]")).containsKeys("self", "id", "filename", "author", "created", "size", "mimeType", "content");
        assertThat(ok.jsonPath().getInt("[0].size")).isEqualTo(5);
        String content = ok.jsonPath().getString("[0].content");
        assertThat(jira().get(content).asString()).isEqualTo("hello");
        assertThat(RestAssured.given().get(content).statusCode()).isEqualTo(401);
        assertThat(jira().header("X-Atlassian-Token", "nocheck").multiPart("other", "a.txt", "x".getBytes())
                .post("/rest/api/2/issue/TEST-1/attachments").statusCode()).isEqualTo(400);
        assertThat(jira().get("/rest/api/2/attachment/meta").jsonPath().getLong("uploadLimit")).isEqualTo(10_485_760L);
        RestAssured.given().baseUri(sim.baseUrl()).contentType("application/json").body(Map.of("uploadLimit", 4))
                .put("/_sim/jira/settings").then().statusCode(200);
        Response tooBig = jira().header("X-Atlassian-Token", "no-check").multiPart("file", "big.txt", "hello".getBytes())
                .post("/rest/api/2/issue/TEST-1/attachments");
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.jsonPath().getList("errorMessages")).hasSize(1);
        String attId = ok.jsonPath().getString("[0].id");
        assertThat(jira().delete("/rest/api/2/attachment/" + attId).statusCode()).isEqualTo(204);
        assertThat(jira().get("/rest/api/2/issue/TEST-1").jsonPath().getList("fields.attachment")).hasSize(1);
    }

    @Test
    void catalogues() {
        assertThat(jira().get("/rest/api/2/priority").jsonPath().getList("name")).contains("Highest", "Medium", "Lowest");
        Response fields = jira().get("/rest/api/2/field");
        assertThat(fields.jsonPath().getList("id")).contains("summary", "labels", "customfield_10100");
        assertThat(fields.jsonPath().getBoolean("find { it.id == 'customfield_10100' }.custom")).isTrue();
        assertThat(jira().get("/rest/api/2/status").jsonPath().getList("name")).contains("Open", "In Progress", "Closed");
        assertThat(jira().get("/rest/api/2/user?username=jdoe").jsonPath().getString("displayName")).isEqualTo("John Doe");
        assertThat(jira().get("/rest/api/2/user/search?username=jd").jsonPath().getList("name")).containsExactly("jdoe");
        Response meta = jira().get("/rest/api/2/issue/createmeta?projectKeys=TEST&issuetypeNames=Task&expand=projects.issuetypes.fields");
        assertThat(meta.jsonPath().getBoolean("projects[0].issuetypes[0].fields.summary.required")).isTrue();
    }

    @Test
    void rateLimitingIsATokenBucketWithTheDcHeaders() {
        Response off = jira().get("/rest/api/2/myself");
        assertThat(off.header("X-RateLimit-Limit")).isNull();
        sim.clock().freeze(Instant.parse("2030-01-01T10:00:00Z"));
        RestAssured.given().baseUri(sim.baseUrl()).contentType("application/json")
                .body(Map.of("enabled", true, "capacity", 2, "fillRate", 1, "intervalSeconds", 10))
                .put("/_sim/jira/rate-limit").then().statusCode(200);
        Response first = jira().get("/rest/api/2/myself");
        assertThat(first.header("X-RateLimit-Limit")).isEqualTo("2");
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("1");
        assertThat(first.header("X-RateLimit-Interval-Seconds")).isEqualTo("10");
        assertThat(first.header("X-RateLimit-FillRate")).isEqualTo("1");
        assertThat(first.header("retry-after")).isEqualTo("0");
        assertThat(jira().get("/rest/api/2/myself").statusCode()).isEqualTo(200);
        Response limited = jira().get("/rest/api/2/myself");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.header("retry-after")).isEqualTo("10");
        sim.clock().advance(Duration.ofSeconds(10));
        assertThat(jira().get("/rest/api/2/myself").statusCode()).isEqualTo(200);
        assertThat(sim.counters().count("jira", "GET /rest/api/2/myself", 429)).isEqualTo(1);
    }
}
