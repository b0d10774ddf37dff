package io.twinline.connection;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.twinline.core.rules.DefaultRules;
import io.twinline.core.rules.Direction;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.twinline.connection.Operators.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The public side's rules over REST: defaults, versions, compile checks, BASIC mode and test runs. */
@QuarkusTest
@WithTestResource(PublicSideTestResource.class)
class RulesApiTest {

    private static final String RULES = "/api/v1/connections/{id}/rules/{direction}";
    private static final String TEST_RUN = "/api/v1/connections/{id}/rules/test-run";

    private static String connection(String mode) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "PRIVATE");
        body.put("mode", mode);
        body.put("localName", "acme");
        body.put("remoteName", "partner");
        body.put("name", "Rules " + mode + " " + UUID.randomUUID().toString().substring(0, 8));
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/connections")
                .then().statusCode(201).extract().path("id");
    }

    private static Response putText(String id, String direction, String script) {
        return given().contentType(ContentType.TEXT).body(script).put(RULES, id, direction);
    }

    private static Response testRun(String id, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(TEST_RUN, id);
    }

    private static String example(String name) throws Exception {
        return Files.readString(Path.of("../examples").resolve(name));
    }

    @Test
    void aScriptConnectionStartsWithTheDefaultFreshdeskRulesAsVersionOne() {
        String id = connection("SCRIPT");
        for (Direction direction : Direction.values()) {
            given().get(RULES, id, direction.label()).then().statusCode(200)
                    .body("connectionId", equalTo(id))
                    .body("direction", equalTo(direction.label()))
                    .body("mode", equalTo("SCRIPT"))
                    .body("editable", equalTo(true))
                    .body("version", equalTo(1))
                    .body("updatedAt", notNullValue())
                    .body("script", equalTo(DefaultRules.text("freshdesk", direction)));
        }
        // Reading again stores nothing more.
        given().get(RULES + "/versions", id, "outgoing").then().statusCode(200).body("version", equalTo(List.of(1)));
    }

    @Test
    void savedRulesBecomeTheNextVersionAndTheOldOnesStay() {
        String id = connection("SCRIPT");
        String v2 = "replica.summary = entity.summary\nreplica.description = entity.description\n";
        Response saved = putText(id, "outgoing", v2);
        saved.then().statusCode(200).body("version", equalTo(2)).body("script", equalTo(v2)).body("editable", equalTo(true));
        given().get(RULES, id, "outgoing").then().statusCode(200)
                .body("version", equalTo(2))
                .body("script", equalTo(v2))
                .body("updatedAt", equalTo(saved.path("updatedAt")));

        String v3 = "replica.summary = entity.summary.toUpperCase()\n";
        given().contentType(ContentType.JSON).body(Map.of("script", v3)).put(RULES, id, "outgoing")
                .then().statusCode(200).body("version", equalTo(3));
        // The same text again is no new version.
        putText(id, "outgoing", v3).then().statusCode(200).body("version", equalTo(3));

        given().get(RULES + "/versions", id, "outgoing").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3)))
                .body("[0].script", equalTo(DefaultRules.text("freshdesk", Direction.OUTGOING)))
                .body("[1].script", equalTo(v2))
                .body("[2].script", equalTo(v3))
                .body("[2].createdAt", notNullValue());
        // Each direction counts its own versions.
        given().get(RULES, id, "incoming").then().body("version", equalTo(1));
    }

    @Test
    void concurrentSavesGetOneVersionNumberEach() throws Exception {
        String id = connection("SCRIPT");
        int saves = 4;
        ExecutorService pool = Executors.newFixedThreadPool(saves);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < saves; i++) {
                String script = "replica.summary = entity.summary + ' " + i + "'\n";
                statuses.add(pool.submit(() -> putText(id, "outgoing", script).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        given().get(RULES + "/versions", id, "outgoing").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3, 4, 5)));
    }

    @Test
    void rulesThatDoNotCompileAreRefusedWithLineAndColumnAndNothingIsSaved() {
        String id = connection("SCRIPT");
        String broken = "replica.summary = entity.summary\nreplica.description = entity.description\nreplica.status = }\n";
        putText(id, "outgoing", broken).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("RULES_DO_NOT_COMPILE"))
                .body("direction", equalTo("outgoing"))
                .body("detail", containsString("outgoing rules do not compile: line 3, column "))
                .body("errors[0].field", equalTo("script"))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].column", greaterThan(0))
                .body("errors[0].message", containsString("line 3, column "));
        // What the sandbox refuses at compile time is refused the same way.
        given().contentType(ContentType.JSON).body(Map.of("script", "replica.summary = 'x'\nimport java.io.File\n"))
                .put(RULES, id, "incoming").then().statusCode(400).body("code", equalTo("RULES_DO_NOT_COMPILE"))
                .body("direction", equalTo("incoming"));
        putText(id, "outgoing", "   \n").then().statusCode(400).body("code", equalTo("INVALID_FIELD"))
                .body("errors.field", hasItem("script"));
        given().contentType(ContentType.JSON).body(Map.of()).put(RULES, id, "outgoing").then().statusCode(400)
                .body("errors.field", hasItem("script"));

        given().get(RULES, id, "outgoing").then().body("version", equalTo(1))
                .body("script", equalTo(DefaultRules.text("freshdesk", Direction.OUTGOING)));
        given().get(RULES + "/versions", id, "incoming").then().body("$", hasSize(1));
    }

    @Test
    void aBasicConnectionShowsItsBuiltInRulesAndRefusesEdits() {
        String id = connection("BASIC");
        given().get(RULES, id, "incoming").then().statusCode(200)
                .body("mode", equalTo("BASIC"))
                .body("editable", equalTo(false))
                .body("version", equalTo(1))
                .body("script", equalTo(DefaultRules.text("freshdesk", Direction.INCOMING)));
        putText(id, "incoming", "issue.summary = replica.summary\n").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("BASIC_MODE"));
        given().get(RULES + "/versions", id, "incoming").then().statusCode(200).body("version", equalTo(List.of(1)));
        // The built-in rules still run in a test run.
        testRun(id, Map.of("direction", "incoming", "firstSync", true, "replica", Map.of("summary", "From Jira")))
                .then().statusCode(200).body("entity.summary", equalTo("From Jira"));
    }

    @Test
    void unknownDirectionsAndConnectionsAreNotFound() {
        String id = connection("SCRIPT");
        given().get(RULES, id, "sideways").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("sideways"));
        putText(id, "sideways", "replica.summary = entity.summary").then().statusCode(404);
        given().get(RULES + "/versions", id, "sideways").then().statusCode(404);

        String nobody = UUID.randomUUID().toString();
        given().get(RULES, nobody, "outgoing").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        putText(nobody, "outgoing", "replica.summary = entity.summary").then().statusCode(404);
        testRun(nobody, Map.of("direction", "outgoing", "entity", Map.of("summary", "x"))).then().statusCode(404);
    }

    @Test
    void deletingAConnectionDeletesItsRules() {
        String id = connection("SCRIPT");
        putText(id, "outgoing", "replica.summary = entity.summary\n").then().statusCode(200).body("version", equalTo(2));
        given().get(RULES, id, "incoming").then().statusCode(200);
        given().delete("/api/v1/connections/{id}", id).then().statusCode(204);
        given().get(RULES, id, "outgoing").then().statusCode(404);
    }

    @Test
    void anOutgoingTestRunOfTheSavedRulesBuildsTheReplicaOfAFreshdeskTicket() throws Exception {
        String id = connection("SCRIPT");
        String body = "{\"direction\": \"outgoing\", \"entity\": " + example("freshdesk-ticket.json") + "}";
        given().contentType(ContentType.JSON).body(body).post(TEST_RUN, id).then().statusCode(200)
                .body("replica.summary", equalTo("Printer on floor 3 rejects every job"))
                .body("replica.priority.name", equalTo("High"))
                .body("replica.comments", hasSize(1)) // the private note stays home
                .body("entity.group_id", equalTo(7))
                .body("log", hasSize(0));

        // Saved rules are what a test run without a script runs.
        putText(id, "outgoing", "replica.summary = '[' + connection.localName + '] ' + entity.summary\nlog.info('sent ' + entity.key)\n")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body(body).post(TEST_RUN, id).then().statusCode(200)
                .body("replica.summary", equalTo("[acme] Printer on floor 3 rejects every job"))
                .body("replica.comments", nullValue())
                .body("log[0].level", equalTo("INFO"))
                .body("log[0].message", equalTo("sent 1042"));
    }

    @Test
    void anIncomingFirstSyncTestRunFillsANewTicket() {
        String id = connection("SCRIPT");
        Map<String, Object> replica = Map.of("summary", "Login fails after upgrade",
                "status", Map.of("name", "In Progress"), "priority", Map.of("name", "Highest"), "labels", List.of("sso"));
        testRun(id, Map.of("direction", "incoming", "firstSync", true, "replica", replica)).then().statusCode(200)
                .body("entity.summary", equalTo("Login fails after upgrade"))
                .body("entity.status.name", equalTo("Pending"))
                .body("entity.priority.name", equalTo("Urgent"))
                .body("entity.labels", equalTo(List.of("sso")))
                .body("replica.summary", equalTo("Login fails after upgrade"));

        String script = "if (firstSync) { issue.summary = '[new from ' + connection.remoteName + '] ' + replica.summary }\n"
                + "else { issue.summary = replica.summary }\n";
        testRun(id, Map.of("direction", "incoming", "script", script, "firstSync", true, "replica", replica))
                .then().statusCode(200).body("entity.summary", equalTo("[new from partner] Login fails after upgrade"));
        testRun(id, Map.of("direction", "incoming", "script", script, "replica", replica,
                "entity", Map.of("key", "77", "summary", "old")))
                .then().statusCode(200).body("entity.summary", equalTo("Login fails after upgrade"))
                .body("entity.key", equalTo("77"));
    }

    @Test
    void aFailingScriptIsA422WithTheDirectionAndTheLine() {
        String id = connection("SCRIPT");
        String script = "replica.summary = entity.summary\nthrow new com.exalate.api.exception.IssueTrackerException('no summary here')\n";
        testRun(id, Map.of("direction", "outgoing", "script", script, "entity", Map.of("summary", "x")))
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("RULES_FAILED"))
                .body("direction", equalTo("outgoing"))
                .body("line", equalTo(2))
                .body("kind", equalTo("ABORTED"))
                .body("detail", equalTo("outgoing rules failed at line 2: no summary here"))
                .body("errors[0].field", equalTo("script"))
                .body("errors[0].line", equalTo(2));
        testRun(id, Map.of("direction", "incoming", "script", "issue.summary = replica.summary.trim()\n",
                "firstSync", true, "replica", Map.of("key", "J-1")))
                .then().statusCode(422).body("direction", equalTo("incoming")).body("line", equalTo(1));
        testRun(id, Map.of("direction", "outgoing", "script", "replica.summary = (", "entity", Map.of("summary", "x")))
                .then().statusCode(400).body("code", equalTo("RULES_DO_NOT_COMPILE")).body("errors[0].line", equalTo(1));
    }

    @Test
    void badTestRunInputIsA400NamingTheField() {
        String id = connection("SCRIPT");
        testRun(id, Map.of("direction", "outgoing", "entity", Map.of("summary", 1))).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("entity.summary"));
        testRun(id, Map.of("direction", "outgoing", "entity", "a ticket")).then().statusCode(400)
                .body("errors.field", hasItem("entity"));
        testRun(id, Map.of("direction", "incoming", "firstSync", true,
                "replica", Map.of("comments", List.of(Map.of("body", "hi", "created", "yesterday")))))
                .then().statusCode(400).body("errors.field", hasItem("replica.comments[0].created"));
        testRun(id, Map.of("direction", "incoming", "entity", Map.of("summary", "x"))).then().statusCode(400)
                .body("errors.field", hasItem("replica"));
        testRun(id, Map.of("direction", "outgoing")).then().statusCode(400).body("errors.field", hasItem("entity"));
        testRun(id, Map.of("direction", "sideways", "entity", Map.of())).then().statusCode(400)
                .body("errors.field", hasItem("direction"));
        testRun(id, Map.of("entity", Map.of())).then().statusCode(400).body("errors.field", hasItem("direction"));
        given().contentType(ContentType.JSON).body("{\"direction\": \"outgoing\", \"entity\": {").post(TEST_RUN, id)
                .then().statusCode(400).body("code", equalTo("MALFORMED_BODY"));
        // Nothing was saved by any of this.
        given().get(RULES + "/versions", id, "outgoing").then().body("$", hasSize(1));
    }

    @Test
    void theRulesEndpointsAreInTheOpenApiDocument() {
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/api/v1/connections/{id}/rules/{direction}",
                "/api/v1/connections/{id}/rules/{direction}/versions", "/api/v1/connections/{id}/rules/test-run");
        // Both bodies a save takes: the Groovy text as it is, and {"script": …}.
        String put = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().path("paths.'/api/v1/connections/{id}/rules/{direction}'.put.requestBody.content").toString();
        assertThat(put).contains("text/plain", "application/json");
    }
}
