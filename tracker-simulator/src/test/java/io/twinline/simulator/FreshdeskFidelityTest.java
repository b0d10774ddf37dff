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

/** Checks the simulated Freshdesk against Freshdesk's documented behaviour (docs/tracker-simulator.md), over real HTTP. */
class FreshdeskFidelityTest {

    static TrackerSimulator sim;
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

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

    RequestSpecification fd() {
        return RestAssured.given().baseUri(sim.baseUrl()).auth().preemptive().basic("demo-key", "X");
    }

    Response create(Map<String, Object> body) {
        return fd().contentType("application/json").body(body).post("/api/v2/tickets");
    }

    @Test
    void wrongOrMissingKeyIs401InvalidCredentials() {
        Response wrong = RestAssured.given().baseUri(sim.baseUrl()).auth().preemptive().basic("nope", "X").get("/api/v2/tickets");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.jsonPath().getString("errors[0].code")).isEqualTo("invalid_credentials");
        assertThat(wrong.jsonPath().getString("description")).isNotBlank();
        // invalid requests count against the account's budget too
        assertThat(wrong.header("X-RateLimit-Used-CurrentRequest")).isEqualTo("1");
        Response missing = RestAssured.given().baseUri(sim.baseUrl()).get("/api/v2/tickets");
        assertThat(missing.statusCode()).isEqualTo(401);
        // The classic mistake: the key sent without base64.
        Response raw = RestAssured.given().baseUri(sim.baseUrl()).header("Authorization", "Basic demo-key:X").get("/api/v2/tickets");
        assertThat(raw.statusCode()).isEqualTo(401);
    }

    @Test
    void everyResponseCarriesVersionAndRateLimitHeaders() {
        Response r = fd().get("/api/v2/tickets/1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.header("X-Freshdesk-Api-Version")).isEqualTo("latest=v2; requested=v2");
        assertThat(r.header("X-RateLimit-Total")).isNotNull();
        assertThat(r.header("X-RateLimit-Remaining")).isNotNull();
        assertThat(r.header("X-RateLimit-Used-CurrentRequest")).isEqualTo("1");
        assertThat(r.header("Retry-After")).isNull();
        // includes cost credits: +1 each on view
        assertThat(fd().get("/api/v2/tickets/1?include=requester,stats").header("X-RateLimit-Used-CurrentRequest")).isEqualTo("3");
        // and +2 each on list
        assertThat(fd().get("/api/v2/tickets?include=description").header("X-RateLimit-Used-CurrentRequest")).isEqualTo("3");
    }

    @Test
    void createIs201WithLocationAndAllKeysPresent() {
        Response r = create(Map.of("email", "new@customer.example", "subject", "Hello", "description", "<p>Hi <b>there</b></p>",
                "tags", List.of("a", "b"), "custom_fields", Map.of("cf_order", "A-1")));
        assertThat(r.statusCode()).isEqualTo(201);
        long id = r.jsonPath().getLong("id");
        assertThat(r.header("Location")).endsWith("/api/v2/tickets/" + id);
        Map<String, Object> t = r.jsonPath().getMap("");
        assertThat(t).containsKeys("subject", "description", "description_text", "status", "priority", "source", "type",
                "requester_id", "responder_id", "group_id", "company_id", "cc_emails", "tags", "custom_fields",
                "attachments", "due_by", "fr_due_by", "is_escalated", "spam", "created_at", "updated_at");
        assertThat(t.get("type")).isNull();
        assertThat(t).containsEntry("status", 2).containsEntry("priority", 1).containsEntry("source", 2);
        assertThat(t.get("description_text")).isEqualTo("Hi there");
        assertThat((String) t.get("created_at")).matches(TIMESTAMP);
        assertThat(r.jsonPath().getMap("custom_fields")).containsEntry("cf_order", "A-1").containsKey("cf_sector");
    }

    @Test
    void validationErrorsHaveTheDocumentedShape() {
        Response noRequester = create(Map.of("subject", "x"));
        assertThat(noRequester.statusCode()).isEqualTo(400);
        assertThat(noRequester.jsonPath().getString("description")).isEqualTo("Validation failed");
        assertThat(noRequester.jsonPath().getString("errors[0].field")).isEqualTo("requester_id");
        assertThat(noRequester.jsonPath().getString("errors[0].code")).isEqualTo("missing_field");
        Response badStatus = create(Map.of("email", "a@b.example", "status", 99, "bogus", 1));
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.jsonPath().getList("errors.code")).contains("invalid_value", "invalid_field");
        Response notJson = fd().contentType("text/plain").body("subject=x").post("/api/v2/tickets");
        assertThat(notJson.statusCode()).isEqualTo(415);
        Response badJson = fd().contentType("application/json").body("{not json").post("/api/v2/tickets");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.jsonPath().getString("errors[0].code")).isEqualTo("invalid_json");
    }

    @Test
    void updateDeleteUnknownAndWrongVerb() {
        Response u = fd().contentType("application/json").body(Map.of("status", 3, "priority", 4)).put("/api/v2/tickets/1");
        assertThat(u.statusCode()).isEqualTo(200);
        assertThat(u.jsonPath().getInt("status")).isEqualTo(3);
        assertThat(u.jsonPath().getString("subject")).isEqualTo("Printer on fire");
        assertThat(fd().delete("/api/v2/tickets/2").statusCode()).isEqualTo(204);
        assertThat(fd().get("/api/v2/tickets/2").jsonPath().getBoolean("deleted")).isTrue();
        assertThat(fd().put("/api/v2/tickets/2/restore").statusCode()).isEqualTo(204);
        assertThat(fd().get("/api/v2/tickets/999").statusCode()).isEqualTo(404);
        Response wrongVerb = fd().contentType("application/json").body("{}").put("/api/v2/tickets");
        assertThat(wrongVerb.statusCode()).isEqualTo(405);
        assertThat(wrongVerb.jsonPath().getString("description")).isNotBlank();
        assertThat(fd().accept("application/xml").get("/api/v2/tickets/1").statusCode()).isEqualTo(406);
    }

    @Test
    void updatedAtMovesOnChangesAndOnNotes() {
        sim.clock().freeze(Instant.parse("2030-01-01T10:00:00Z"));
        long id = create(Map.of("email", "a@b.example", "subject", "t")).jsonPath().getLong("id");
        sim.clock().advance(Duration.ofSeconds(5));
        fd().contentType("application/json").body(Map.of("body", "note")).post("/api/v2/tickets/" + id + "/notes");
        assertThat(fd().get("/api/v2/tickets/" + id).jsonPath().getString("updated_at")).isEqualTo("2030-01-01T10:00:05Z");
        sim.clock().advance(Duration.ofSeconds(5));
        fd().contentType("application/json").body(Map.of("priority", 2)).put("/api/v2/tickets/" + id);
        assertThat(fd().get("/api/v2/tickets/" + id).jsonPath().getString("updated_at")).isEqualTo("2030-01-01T10:00:10Z");
    }

    @Test
    void listingKeepsTheThirtyDayTrapAndUpdatedSinceAndHidesDescriptions() {
        sim.freshdesk().setCreatedAt(1, Instant.now().minus(Duration.ofDays(45)));
        List<Integer> defaultIds = fd().get("/api/v2/tickets").jsonPath().getList("id");
        assertThat(defaultIds).doesNotContain(1).contains(2, 3);
        List<Integer> since = fd().get("/api/v2/tickets?updated_since=2000-01-01T00:00:00Z").jsonPath().getList("id");
        assertThat(since).contains(1, 2, 3);
        Response plain = fd().get("/api/v2/tickets");
        assertThat(plain.jsonPath().getMap("[0]")).doesNotContainKey("description");
        assertThat(fd().get("/api/v2/tickets?include=description").jsonPath().getMap("[0]")).containsKey("description");
        // default order is created_at desc
        assertThat(defaultIds).isSortedAccordingTo((a, b) -> b - a);
        // every accepted input form
        for (String form : List.of("2000-01-01", "2000-01-01T00:00", "2000-01-01T00:00Z", "2000-01-01T00:00:00",
                "2000-01-01T00:00:00+05:30", "2000-01-01T00:00:00-05", "2000-01-01T00:00:00+0530")) {
            assertThat(fd().queryParam("updated_since", form).get("/api/v2/tickets").statusCode()).as(form).isEqualTo(200);
        }
        assertThat(fd().get("/api/v2/tickets?updated_since=yesterday").statusCode()).isEqualTo(400);
        assertThat(fd().get("/api/v2/tickets?unknown=1").jsonPath().getString("errors[0].message"))
                .isEqualTo("Unexpected/invalid field in request");
        // deleted tickets are hidden unless filtered
        fd().delete("/api/v2/tickets/3");
        assertThat(fd().get("/api/v2/tickets").jsonPath().getList("id")).doesNotContain(3);
        assertThat(fd().get("/api/v2/tickets?filter=deleted").jsonPath().getList("id")).containsExactly(3);
    }

    @Test
    void paginationUsesTheLinkHeaderAndCapsPerPage() {
        for (int i = 0; i < 4; i++) {
            create(Map.of("email", "p@b.example", "subject", "p" + i));
        }
        Response p1 = fd().get("/api/v2/tickets?per_page=3&order_by=created_at&order_type=asc");
        assertThat(p1.jsonPath().getList("$")).hasSize(3);
        String link = p1.header("Link");
        assertThat(link).matches("<http://127\\.0\\.0\\.1:\\d+/api/v2/tickets\\?.*page=2.*>; rel=\"next\"");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        Response p2 = fd().get(next);
        assertThat(p2.jsonPath().getList("$")).hasSize(3);
        Response p3 = fd().get(next.replace("page=2", "page=3"));
        assertThat(p3.jsonPath().getList("$")).hasSize(1);
        assertThat(p3.header("Link")).isNull();
        Response tooMany = fd().get("/api/v2/tickets?per_page=101");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.jsonPath().getString("errors[0].field")).isEqualTo("per_page");
        assertThat(fd().get("/api/v2/tickets?page=301").statusCode()).isEqualTo(400);
    }

    @Test
    void searchUsesTheFilterGrammarAndTheResultsEnvelope() {
        Response r = fd().queryParam("query", "\"priority:>3 AND status:2\"").get("/api/v2/search/tickets");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.jsonPath().getInt("total")).isEqualTo(1);
        assertThat(r.jsonPath().getList("results.id")).containsExactly(1);
        Response tag = fd().queryParam("query", "\"tag:'login' OR (tag:'hardware' AND priority:4)\"").get("/api/v2/search/tickets");
        assertThat(tag.jsonPath().getList("results.id")).containsExactlyInAnyOrder(1, 2);
        Response unquoted = fd().queryParam("query", "priority:4").get("/api/v2/search/tickets");
        assertThat(unquoted.statusCode()).isEqualTo(400);
        Response withTime = fd().queryParam("query", "\"updated_at:>'2024-01-01T10:00:00Z'\"").get("/api/v2/search/tickets");
        assertThat(withTime.statusCode()).isEqualTo(400);
        Response days = fd().queryParam("query", "\"updated_at:>'2000-01-01'\"").get("/api/v2/search/tickets");
        assertThat(days.jsonPath().getInt("total")).isEqualTo(3);
        assertThat(fd().queryParam("query", "\"status:2\"").queryParam("page", 11).get("/api/v2/search/tickets").statusCode()).isEqualTo(400);
        assertThat(fd().queryParam("query", "\"" + "status:2 OR ".repeat(60) + "status:2\"").get("/api/v2/search/tickets").statusCode()).isEqualTo(400);
        for (int i = 0; i < 31; i++) {
            create(Map.of("email", "s@b.example", "subject", "s" + i, "custom_fields", Map.of("cf_sector", "finance")));
        }
        Response page1 = fd().queryParam("query", "\"cf_sector:'finance'\"").get("/api/v2/search/tickets");
        assertThat(page1.jsonPath().getInt("total")).isEqualTo(31);
        assertThat(page1.jsonPath().getList("results")).hasSize(30);
    }

    @Test
    void notesAreprivateByDefaultRepliesArePublicAndOnlyNotesEdit() {
        Response note = fd().contentType("application/json").body(Map.of("body", "<p>internal</p>")).post("/api/v2/tickets/1/notes");
        assertThat(note.statusCode()).isEqualTo(201);
        assertThat(note.jsonPath().getBoolean("private")).isTrue();
        assertThat(note.jsonPath().getInt("source")).isEqualTo(2);
        assertThat(note.jsonPath().getMap("")).containsKeys("notified_to", "body_text", "user_id", "ticket_id", "attachments");
        Response reply = fd().contentType("application/json").body(Map.of("body", "public")).post("/api/v2/tickets/1/reply");
        assertThat(reply.jsonPath().getBoolean("private")).isFalse();
        assertThat(reply.jsonPath().getInt("source")).isEqualTo(0);
        assertThat(reply.jsonPath().getMap("")).containsKey("replied_to");
        long noteId = note.jsonPath().getLong("id");
        long replyId = reply.jsonPath().getLong("id");
        Response edited = fd().contentType("application/json").body(Map.of("body", "edited")).put("/api/v2/conversations/" + noteId);
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(edited.jsonPath().getString("last_edited_at")).matches(TIMESTAMP);
        assertThat(fd().contentType("application/json").body(Map.of("body", "x")).put("/api/v2/conversations/" + replyId).statusCode())
                .isNotEqualTo(200);
        assertThat(fd().contentType("application/json").body(Map.of()).post("/api/v2/tickets/1/notes").statusCode()).isEqualTo(400);
        for (int i = 0; i < 31; i++) {
            fd().contentType("application/json").body(Map.of("body", "n" + i, "private", false)).post("/api/v2/tickets/2/notes");
        }
        Response convs = fd().get("/api/v2/tickets/2/conversations");
        assertThat(convs.jsonPath().getList("$")).hasSize(30);
        assertThat(convs.header("Link")).contains("page=2");
        assertThat(fd().delete("/api/v2/conversations/" + noteId).statusCode()).isEqualTo(204);
    }

    @Test
    void attachmentsAreMultipartAndLimitedToTwentyMegabytesPerTicket() {
        byte[] nineMb = new byte[9 * 1024 * 1024];
        Response r = fd().multiPart("email", "att@b.example").multiPart("subject", "with files")
                .multiPart("attachments[]", "a.bin", nineMb, "application/octet-stream")
                .multiPart("attachments[]", "b.txt", "hello".getBytes(), "text/plain")
                .post("/api/v2/tickets");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.jsonPath().getList("attachments.name")).containsExactly("a.bin", "b.txt");
        Map<String, Object> att = r.jsonPath().getMap("attachments[1]");
        assertThat(att).containsKeys("id", "name", "content_type", "size", "attachment_url", "created_at");
        assertThat(att.get("size")).isEqualTo(5);
        String url = (String) att.get("attachment_url");
        // the CDN takes no API credentials
        assertThat(RestAssured.given().get(url).asString()).isEqualTo("hello");
        long id = r.jsonPath().getLong("id");
        Response second = fd().multiPart("body", "more").multiPart("attachments[]", "c.bin", nineMb, "application/octet-stream")
                .post("/api/v2/tickets/" + id + "/notes");
        assertThat(second.statusCode()).isEqualTo(201);
        Response over = fd().multiPart("attachments[]", "d.bin", new byte[3 * 1024 * 1024], "application/octet-stream")
                .put("/api/v2/tickets/" + id);
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(over.jsonPath().getString("errors[0].field")).isEqualTo("attachments");
        long attId = r.jsonPath().getLong("attachments[0].id");
        assertThat(fd().delete("/api/v2/attachments/" + attId).statusCode()).isEqualTo(204);
        assertThat(fd().multiPart("attachments[]", "d.bin", new byte[3 * 1024 * 1024], "application/octet-stream")
                .put("/api/v2/tickets/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void catalogueResources() {
        Response fields = fd().get("/api/v2/ticket_fields");
        assertThat(fields.jsonPath().getList("name")).contains("status", "priority", "ticket_type", "cf_twin_id", "cf_sector");
        Map<String, Object> statusChoices = fields.jsonPath().getMap("find { it.name == 'status' }.choices");
        assertThat(statusChoices).containsKeys("2", "3", "4", "5", "6", "7");
        assertThat(fd().get("/api/v2/agents/me").jsonPath().getLong("id")).isEqualTo(1);
        assertThat(fd().get("/api/v2/agents").jsonPath().getList("contact.email")).contains("agent@demo.example");
        assertThat(fd().get("/api/v2/groups").jsonPath().getList("name")).contains("Support");
        assertThat(fd().get("/api/v2/contacts?email=alice@customer.example").jsonPath().getList("name")).containsExactly("Alice Customer");
        Response noSuchEmail = fd().get("/api/v2/tickets?email=ghost@nowhere.example");
        assertThat(noSuchEmail.statusCode()).isEqualTo(400);
        assertThat(noSuchEmail.jsonPath().getString("errors[0].message")).isEqualTo("There is no contact matching the given email");
    }

    @Test
    void budgetExhaustionAnswers429WithIntegerRetryAfterAndCountsRejectedCalls() {
        sim.clock().freeze(Instant.parse("2030-01-01T10:00:00Z"));
        RestAssured.given().baseUri(sim.baseUrl()).contentType("application/json").body(Map.of("perMinute", 3))
                .put("/_sim/freshdesk/rate-limit").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            assertThat(fd().get("/api/v2/tickets/1").statusCode()).isEqualTo(200);
        }
        sim.clock().advance(Duration.ofSeconds(20));
        Response limited = fd().get("/api/v2/tickets/1");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("40");
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.header("X-RateLimit-Total")).isEqualTo("3");
        sim.clock().advance(Duration.ofSeconds(40));
        assertThat(fd().get("/api/v2/tickets/1").statusCode()).isEqualTo(200);
        assertThat(sim.counters().count("freshdesk", "GET /api/v2/tickets/:id", 429)).isEqualTo(1);
        assertThat(sim.counters().count("freshdesk", "GET /api/v2/tickets/:id")).isEqualTo(5);
    }

    @Test
    void perEndpointBucketLimitsTicketCreation() {
        sim.clock().freeze(Instant.parse("2030-01-01T10:00:00Z"));
        sim.freshdesk().configureRateLimit(io.twinline.simulator.Json.object().put("perMinute", 100).put("ticketCreate", 1));
        assertThat(create(Map.of("email", "x@b.example")).statusCode()).isEqualTo(201);
        assertThat(create(Map.of("email", "x@b.example")).statusCode()).isEqualTo(429);
        assertThat(fd().get("/api/v2/tickets/1").statusCode()).isEqualTo(200);
    }
}
