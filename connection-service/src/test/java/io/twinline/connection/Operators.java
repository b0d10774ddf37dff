package io.twinline.connection;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.twinline.core.security.ServiceCredential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Requests as an operator: the key is the one connection-service wrote to its bootstrap file at start (so every test
 * also shows the bootstrap works). Requests that carry their own {@code Authorization} (agent tokens) keep it.
 */
final class Operators {

    static final Path KEY_FILE = Path.of("target/test-operator-key");
    static final String SERVICE_TOKEN = "test-only-connection-service-token-0123456789";

    private static volatile String key;

    private static final Filter CREDENTIALS = (request, response, ctx) -> {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", "Bearer " + key());
        }
        if (!request.getHeaders().hasHeaderWithName(ServiceCredential.HEADER)) {
            request.header(ServiceCredential.HEADER, SERVICE_TOKEN);
        }
        return ctx.next(request, response);
    };

    private Operators() {
    }

    /** The bootstrap operator key. */
    static String key() {
        if (key == null) {
            try {
                key = Files.readString(KEY_FILE).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("connection-service wrote no operator key to " + KEY_FILE, e);
            }
        }
        return key;
    }

    /** A request with the operator key (unless it names its own Authorization) and the service credential. */
    static RequestSpecification given() {
        return RestAssured.given().filter(CREDENTIALS);
    }

    /** A request with nothing but what the test adds. */
    static RequestSpecification anonymous() {
        return RestAssured.given();
    }

    /** A request with the given API key only. */
    static RequestSpecification withKey(String apiKey) {
        return RestAssured.given().header("Authorization", "Bearer " + apiKey);
    }

    /** Creates a key with the role over REST; answers the key itself. */
    static String createKey(String name, String role) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "role", role))
                .post("/api/v1/operator-keys").then().statusCode(201).extract().path("key");
    }
}
