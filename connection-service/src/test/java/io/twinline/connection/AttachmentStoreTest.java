package io.twinline.connection;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static io.twinline.connection.Operators.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The per-connection attachment store: agent edge (private agent) and internal API (public agent). */
@QuarkusTest
@WithTestResource(PublicSideTestResource.class)
class AttachmentStoreTest {

    private static final String OCTETS = "application/octet-stream";

    @Test
    void theAgentStoresBytesUnderTheirHashOnceAndReadsThemBack() {
        String[] mine = acceptedConnection("store-a");
        String bearer = token(mine[1], mine[2]);
        byte[] content = ("crash log " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String hash = sha256(content);

        upload(mine[0], hash, content, bearer).then().statusCode(201).contentType(ContentType.JSON)
                .body("sha256", equalTo(hash)).body("size", equalTo(content.length));
        // Idempotent: the same upload again stores nothing new and still succeeds.
        upload(mine[0], hash, content, bearer).then().statusCode(200).body("sha256", equalTo(hash));
        // Upper-case hex names the same content.
        upload(mine[0], hash.toUpperCase(), content, bearer).then().statusCode(200);

        byte[] back = download(mine[0], hash, bearer).then().statusCode(200).contentType(OCTETS)
                .extract().asByteArray();
        assertThat(back).isEqualTo(content);
        // The public agent's internal API sees the same store.
        assertThat(internal().get("/internal/v1/connections/{id}/attachments/{sha}", mine[0], hash)
                .then().statusCode(200).extract().asByteArray()).isEqualTo(content);
    }

    @Test
    void contentWhoseHashDiffersFromThePathIsRefusedAndNothingIsStored() {
        String[] mine = acceptedConnection("store-b");
        String bearer = token(mine[1], mine[2]);
        byte[] content = "the real bytes".getBytes(StandardCharsets.UTF_8);
        String claimed = sha256("other bytes".getBytes(StandardCharsets.UTF_8));

        upload(mine[0], claimed, content, bearer).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("ATTACHMENT_HASH_MISMATCH"));
        download(mine[0], claimed, bearer).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("ATTACHMENT_NOT_FOUND"));
        download(mine[0], sha256(content), bearer).then().statusCode(404);

        internal().contentType(OCTETS).body(content).put("/internal/v1/connections/{id}/attachments/{sha}", mine[0], claimed)
                .then().statusCode(422).body("code", equalTo("ATTACHMENT_HASH_MISMATCH"));
        download(mine[0], claimed, bearer).then().statusCode(404);
    }

    @Test
    void badHashesUnknownConnectionsAndTooLargeUploadsAreProblems() {
        String[] mine = acceptedConnection("store-c");
        String bearer = token(mine[1], mine[2]);
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);

        upload(mine[0], "not-a-hash", content, bearer).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_FIELD")).body("errors[0].field", equalTo("sha256"));
        download(mine[0], "sha256:" + sha256(content), bearer).then().statusCode(400);

        // Larger than the store's limit (64 KiB in tests): 413, nothing stored.
        byte[] large = new byte[64 * 1024 + 1];
        String largeHash = sha256(large);
        upload(mine[0], largeHash, large, bearer).then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("ATTACHMENT_TOO_LARGE"));
        download(mine[0], largeHash, bearer).then().statusCode(404);
        byte[] justFits = new byte[64 * 1024];
        upload(mine[0], sha256(justFits), justFits, bearer).then().statusCode(201);

        String unknown = UUID.randomUUID().toString();
        internal().contentType(OCTETS).body(content).put("/internal/v1/connections/{id}/attachments/{sha}", unknown, sha256(content))
                .then().statusCode(404).contentType("application/problem+json");
        internal().get("/internal/v1/connections/{id}/attachments/{sha}", unknown, sha256(content)).then().statusCode(404);
    }

    @Test
    void agentCallsWithoutOrWithAnotherConnectionsTokenAreRefused() {
        String[] mine = acceptedConnection("store-d");
        String[] theirs = acceptedConnection("store-e");
        byte[] content = ("secret report " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String hash = sha256(content);
        String myToken = token(mine[1], mine[2]);
        String theirToken = token(theirs[1], theirs[2]);

        upload(mine[0], hash, content, null).then().statusCode(401).contentType("application/problem+json");
        upload(mine[0], hash, content, "not-a-token").then().statusCode(401);
        upload(mine[0], hash, content, theirToken).then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("WRONG_CONNECTION"));
        download(mine[0], hash, myToken).then().statusCode(404); // none of the refused uploads stored anything

        upload(mine[0], hash, content, myToken).then().statusCode(201);
        download(mine[0], hash, null).then().statusCode(401);
        download(mine[0], hash, theirToken).then().statusCode(403).body("code", equalTo("WRONG_CONNECTION"));
        // Stores are per connection: the other connection's agent does not see this content under its own id.
        download(theirs[0], hash, theirToken).then().statusCode(404);

        // Deleting the connection revokes the agent's credentials and deletes its attachments.
        given().delete("/api/v1/connections/{id}", mine[0]).then().statusCode(204);
        download(mine[0], hash, myToken).then().statusCode(401).body("code", equalTo("CREDENTIALS_REVOKED"));
        internal().get("/internal/v1/connections/{id}/attachments/{sha}", mine[0], hash).then().statusCode(404);
    }

    // ---- helpers (as in ConnectionLifecycleTest)

    private static Response upload(String connectionId, String hash, byte[] content, String bearer) {
        return agent(bearer).contentType(OCTETS).body(content)
                .put("/api/v1/connections/{id}/agent/attachments/{sha}", connectionId, hash);
    }

    private static Response download(String connectionId, String hash, String bearer) {
        return agent(bearer).get("/api/v1/connections/{id}/agent/attachments/{sha}", connectionId, hash);
    }

    private static RequestSpecification agent(String bearer) {
        RequestSpecification request = Operators.anonymous();
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    private static RequestSpecification internal() {
        return given();
    }

    private static String[] acceptedConnection(String partner) {
        Response created = given().contentType(ContentType.JSON).body(Map.of("type", "PRIVATE", "mode", "SCRIPT",
                        "localName", "acme", "remoteName", partner, "name", "Attachments " + UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/connections");
        created.then().statusCode(201);
        String id = created.path("id");
        String code = created.path("invitationCode");
        Response redeemed = given().baseUri(PublicSideTestResource.invitationServiceUrl).port(-1).contentType(ContentType.JSON)
                .body(Map.of("code", code,
                        "agent", Map.of("shortName", partner, "version", "9.9.9", "trackerType", "JIRA")))
                .post("/api/v1/invitations/redeem");
        redeemed.then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/v1/connections/{id}", id).then().body("status", equalTo("ACTIVE")));
        return new String[]{id, redeemed.path("credentials.agentId"), redeemed.path("credentials.agentSecret")};
    }

    private static String token(String agentId, String secret) {
        return given().contentType(ContentType.JSON).body(Map.of("agentId", agentId, "agentSecret", secret))
                .post("/api/v1/agent/token").then().statusCode(200).extract().path("accessToken");
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
