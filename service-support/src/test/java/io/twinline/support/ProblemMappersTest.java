package io.twinline.support;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.twinline.testkit.KafkaTestResource;
import io.twinline.testkit.PostgresTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Every failure at the REST edge becomes application/problem+json with a stable code, naming the field where there is one. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(KafkaTestResource.class)
class ProblemMappersTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aValidBodyPasses() {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"code\":\"ab\",\"quantity\":2,\"colour\":\"RED\"}")
                .post("/test/problems").then().statusCode(200).body("name", equalTo("x"));
    }

    @Test
    void constraintViolationsNameEachFieldSorted() {
        given().contentType(ContentType.JSON).body("{\"name\":\" \",\"code\":\"toolong\",\"quantity\":1}")
                .post("/test/problems").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("INVALID_FIELD"))
                .body("status", equalTo(400))
                .body("errors", hasSize(2))
                .body("errors[0].field", equalTo("code"))
                .body("errors[1].field", equalTo("name"))
                .body("detail", containsString("name: "));
    }

    @Test
    void brokenJsonIsAMalformedBody() {
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/test/problems")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("MALFORMED_BODY"))
                .body("detail", containsString("not valid JSON"))
                .body("errors", nullValue());
    }

    @Test
    void aWrongTypeNamesTheField() {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"quantity\":\"many\"}").post("/test/problems")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("MALFORMED_BODY"))
                .body("errors[0].field", equalTo("quantity"));
    }

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheValue() {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"colour\":\"PURPLE\"}").post("/test/problems")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("MALFORMED_BODY"))
                .body("errors[0].field", equalTo("colour"))
                .body("detail", containsString("PURPLE"));
    }

    @Test
    void aServiceRefusalKeepsItsStatusCodeAndField() {
        given().get("/test/problems/refused/invalid-field").then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("INVALID_FIELD")).body("errors[0].field", equalTo("localName"))
                .body("errors[0].message", equalTo("must be 2 to 32 characters"));
        given().get("/test/problems/refused/conflict").then().statusCode(409).contentType(PROBLEM)
                .body("code", equalTo("NAME_TAKEN")).body("title", equalTo("Conflict"));
        given().get("/test/problems/refused/unprocessable").then().statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("RULES_FAILED")).body("title", equalTo("Unprocessable Content"));
    }

    @Test
    void webExceptionsBecomeProblemsToo() {
        given().get("/test/problems/refused/not-found").then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("NOT_FOUND")).body("detail", equalTo("no such thing"));
    }

    @Test
    void anUnexpectedFailureIsA500ThatDoesNotLeakItsMessage() {
        given().get("/test/problems/refused/bug").then().statusCode(500).contentType(PROBLEM)
                .body("code", equalTo("INTERNAL"))
                .body("detail", not(containsString("hunter2")));
    }
}
