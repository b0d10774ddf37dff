package io.twinline.connection;

import io.twinline.core.digest.Sha256;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.twinline.core.invitation.InvitationCode;
import io.twinline.core.security.ServiceCredential;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.twinline.connection.Operators.anonymous;
import static io.twinline.connection.Operators.given;
import static io.twinline.connection.Operators.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Who may call what: API keys and roles on every operator endpoint, the audit log, the /internal credential. */
@QuarkusTest
@WithTestResource(PublicSideTestResource.class)
class OperatorAccessTest {

    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");

    @Inject
    EntityManager db;

    /** Operator operations as the OpenAPI document lists them: all of /api/v1 except the agent edge. */
    private static List<String[]> operatorOperations() {
        JsonPath doc = anonymous().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        List<String[]> operations = new ArrayList<>();
        for (var path : paths.entrySet()) {
            String p = path.getKey();
            if (!p.startsWith("/api/v1/") || p.startsWith("/api/v1/agent/") || p.matches("/api/v1/connections/\\{id}/agent/.*")) {
                continue;
            }
            for (String method : path.getValue().keySet()) {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    operations.add(new String[]{method, p});
                }
            }
        }
        return operations;
    }

    private static Response call(io.restassured.specification.RequestSpecification request, String method, String path) {
        String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        return request.contentType(ContentType.JSON).body("{}").request(method.toUpperCase(), concrete);
    }

    @Test
    void everyOperatorOperationRefusesAnonymousCallsAndViewersMayOnlyRead() {
        List<String[]> operations = operatorOperations();
        assertThat(operations.size()).as("operator operations in the OpenAPI document").isGreaterThan(20);
        String viewer = Operators.createKey("table viewer", "viewer");
        List<String> wrong = new ArrayList<>();
        for (String[] op : operations) {
            Response anon = call(anonymous(), op[0], op[1]);
            if (anon.statusCode() != 401 || !anon.contentType().startsWith("application/problem+json")) {
                wrong.add(op[0] + " " + op[1] + " anonymous → " + anon.statusCode());
            }
            Response bad = call(withKey("twk_not-a-key-" + UUID.randomUUID()), op[0], op[1]);
            if (bad.statusCode() != 401) {
                wrong.add(op[0] + " " + op[1] + " unknown key → " + bad.statusCode());
            }
            Response asViewer = call(withKey(viewer), op[0], op[1]);
            boolean write = WRITES.contains(op[0]);
            if (write && (asViewer.statusCode() != 403 || !asViewer.contentType().startsWith("application/problem+json"))) {
                wrong.add(op[0] + " " + op[1] + " viewer → " + asViewer.statusCode() + " (want 403)");
            }
            if (!write && (asViewer.statusCode() == 401 || asViewer.statusCode() == 403) && !op[1].startsWith("/api/v1/operator-keys")) {
                wrong.add(op[0] + " " + op[1] + " viewer → " + asViewer.statusCode() + " (a viewer reads)");
            }
        }
        assertThat(wrong).isEmpty();
        anonymous().get("/api/v1/connections").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHORIZED"));
        withKey(viewer).get("/api/v1/connections").then().statusCode(200);
        withKey(viewer).get("/api/v1/audit").then().statusCode(200);
        withKey(viewer).get("/api/v1/operator-keys").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        anonymous().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void keysAreKeptHashedListedWithoutTheKeyAndRevocable() {
        Response created = given().contentType(ContentType.JSON).body(Map.of("name", "ci robot", "role", "operator"))
                .post("/api/v1/operator-keys");
        created.then().statusCode(201).body("role", equalTo("operator")).body("createdBy", equalTo("key:bootstrap"));
        String key = created.path("key");
        String id = created.path("id");
        assertThat(key).startsWith("twk_").hasSizeGreaterThan(40);

        @SuppressWarnings("unchecked")
        List<Object[]> rows = db.createNativeQuery("select key_hash, hint, name from connection.operator_key where id = cast(?1 as uuid)")
                .setParameter(1, id).getResultList();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)[0]).isEqualTo(Sha256.hex(key));
        assertThat(List.of(rows.get(0))).noneMatch(column -> key.equals(column));
        String listed = given().get("/api/v1/operator-keys").then().statusCode(200).extract().asString();
        assertThat(listed).contains(id).doesNotContain(key).doesNotContain(Sha256.hex(key));

        withKey(key).get("/api/v1/connections").then().statusCode(200);
        given().delete("/api/v1/operator-keys/{id}", id).then().statusCode(200).body("revokedAt", not(nullValue()));
        withKey(key).get("/api/v1/connections").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "role", "admin")).post("/api/v1/operator-keys")
                .then().statusCode(400).body("errors[0].field", equalTo("role"));
    }

    @Test
    void internalCallsNeedTheServiceCredential() {
        String id = UUID.randomUUID().toString();
        anonymous().contentType(ContentType.JSON).body("{}").post("/internal/v1/connections/{id}/sync-report", id)
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("SERVICE_CREDENTIAL_REQUIRED"));
        anonymous().header(ServiceCredential.HEADER, "wrong-wrong-wrong-wrong-wrong-wrong-wrong")
                .get("/internal/v1/connections/{id}/attachments/{sha}", id, "0".repeat(64)).then().statusCode(401);
        withKey(Operators.key()).get("/internal/v1/connections/{id}/rules/outgoing", id).then().statusCode(401);
        anonymous().header(ServiceCredential.HEADER, Operators.SERVICE_TOKEN)
                .get("/internal/v1/connections/{id}/rules/outgoing", id).then().statusCode(404);
    }

    private static Map<String, Object> report(List<Map<String, Object>> twins, List<Map<String, Object>> errors) {
        Map<String, Object> report = new HashMap<>();
        report.put("applying", true);
        report.put("twins", twins);
        report.put("errors", errors);
        return report;
    }

    @Test
    void everyKindOfOperatorChangeIsAudited() {
        Response created = given().contentType(ContentType.JSON).body(Map.of("type", "PRIVATE", "mode", "SCRIPT",
                "localName", "acme", "remoteName", "partner", "name", "Audit " + UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/connections");
        String id = created.path("id");
        String code = given().post("/api/v1/connections/{id}/invitation", id).then().statusCode(200).extract().path("invitationCode");
        given().contentType(ContentType.TEXT).body("replica.summary = '[A] ' + replica.summary\n")
                .put("/api/v1/connections/{id}/rules/outgoing", id).then().statusCode(200);
        String trigger = given().contentType(ContentType.JSON).body(Map.of("query", "status:2"))
                .post("/api/v1/connections/{id}/triggers", id).then().statusCode(201).extract().path("id");

        Response redeemed = anonymous().baseUri(PublicSideTestResource.invitationServiceUrl).port(-1).contentType(ContentType.JSON)
                .body(Map.of("code", code, "agent", Map.of("shortName", "partner", "version", "1", "trackerType", "JIRA")))
                .post("/api/v1/invitations/redeem");
        redeemed.then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/v1/connections/{id}", id).then().body("status", equalTo("ACTIVE")));
        given().post("/api/v1/connections/{id}/deactivate", id).then().statusCode(200);
        given().post("/api/v1/connections/{id}/activate", id).then().statusCode(200);
        given().post("/api/v1/connections/{id}/triggers/{tid}/bulk-sync", id, trigger).then().statusCode(202);
        given().delete("/api/v1/connections/{id}/triggers/{tid}", id, trigger).then().statusCode(204);
        String twinId = given().contentType(ContentType.JSON).body(Map.of("localKey", "42"))
                .post("/api/v1/connections/{id}/twins", id).then().statusCode(202).extract().path("twinId");
        Map<String, Object> twin = new HashMap<>(Map.of("twinId", twinId, "localKey", "42", "state", "ACTIVE",
                "lastSyncAt", "2026-11-23T10:00:00Z"));
        Map<String, Object> error = new HashMap<>(Map.of("parkedId", 1, "twinId", twinId, "message", "rules failed",
                "direction", "incoming", "attempts", 1, "parkedAt", "2026-11-23T10:00:00Z"));
        given().contentType(ContentType.JSON).body(report(List.of(twin), List.of(error)))
                .post("/internal/v1/connections/{id}/sync-report", id).then().statusCode(200);
        given().delete("/api/v1/connections/{id}/twins/{tid}", id, twinId).then().statusCode(202);
        String errorId = given().get("/api/v1/connections/{id}/errors", id).then().extract().path("[0].id");
        given().post("/api/v1/connections/{id}/errors/{eid}/retry", id, errorId).then().statusCode(202);
        given().post("/api/v1/connections/{id}/agent-credentials/rotate", id).then().statusCode(202);
        given().post("/api/v1/connections/{id}/agent-credentials/revoke", id).then().statusCode(200)
                .body("agent.credentials", equalTo("REVOKED"));
        String keyId = given().contentType(ContentType.JSON).body(Map.of("name", "audited", "role", "viewer"))
                .post("/api/v1/operator-keys").then().statusCode(201).extract().path("id");
        given().delete("/api/v1/operator-keys/{id}", keyId).then().statusCode(200);
        given().delete("/api/v1/connections/{id}", id).then().statusCode(204);

        List<Map<String, Object>> entries = given().get("/api/v1/audit?connectionId={id}&limit=500", id).then().statusCode(200)
                .extract().jsonPath().getList("$");
        Set<String> kinds = new TreeSet<>();
        entries.forEach(e -> kinds.add((String) e.get("action")));
        assertThat(kinds).containsExactlyInAnyOrder("CONNECTION_CREATED", "INVITATION_REISSUED", "RULES_SAVED", "TRIGGER_ADDED",
                "CONNECTION_DEACTIVATED", "CONNECTION_ACTIVATED", "BULK_SYNC_STARTED", "TRIGGER_REMOVED", "TWIN_SYNC_REQUESTED",
                "TWIN_UNSYNC_REQUESTED", "ERROR_RETRIED", "AGENT_CREDENTIALS_ROTATED", "AGENT_CREDENTIALS_REVOKED",
                "CONNECTION_DELETED");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("actor")).isEqualTo("key:bootstrap");
            assertThat(e.get("occurredAt")).isNotNull();
            assertThat(e.get("connectionId")).isEqualTo(id);
        });
        List<Map<String, Object>> all = given().get("/api/v1/audit?limit=500").then().extract().jsonPath().getList("$");
        assertThat(all).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("KEY_CREATED");
            assertThat(e.get("subject")).isEqualTo("key " + keyId);
        }).anySatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("KEY_REVOKED");
            assertThat(e.get("subject")).isEqualTo("key " + keyId);
        });
        // A refused change leaves no entry: the entry is written in the change's transaction.
        given().post("/api/v1/connections/{id}/deactivate", UUID.randomUUID()).then().statusCode(404);
        int after = given().get("/api/v1/audit?limit=500").then().extract().jsonPath().getList("$").size();
        assertThat(after).isEqualTo(all.size());
    }
}
