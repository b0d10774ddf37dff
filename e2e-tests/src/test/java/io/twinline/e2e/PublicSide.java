package io.twinline.e2e;

import io.twinline.testkit.KafkaBroker;
import io.twinline.testkit.KafkaTestResource;
import io.twinline.testkit.Postgres;
import io.twinline.testkit.ServiceProcess;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.HashMap;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** The public side as deployed: PostgreSQL, Kafka, and both packaged services as their own processes. */
final class PublicSide implements AutoCloseable {

    static final String TOKEN_KEY = "ZTJlLW9ubHkta2V5LWUyZS1vbmx5LWtleS0wMTIzNDU2Nzg5YWI";
    static final String SCRAM_KEY = "ZTJlLXNjcmFtLWtleS1lMmUtc2NyYW0ta2V5LTAxMjM0NTY3ODlhYmNk";
    /** The service credentials of the two services' /internal APIs. */
    static final String CONNECTION_SERVICE_TOKEN = "e2e-only-connection-service-token-0123456789";
    static final String INVITATION_SERVICE_TOKEN = "e2e-only-invitation-service-token-0123456789";

    final Postgres postgres;
    final KafkaBroker kafka;
    final ServiceProcess invitationService;
    final ServiceProcess connectionService;
    /** The operator key connection-service wrote to its bootstrap file at its first start, as deploy/local/up does. */
    final String operatorKey;

    private PublicSide(Postgres postgres, KafkaBroker kafka, ServiceProcess invitationService, ServiceProcess connectionService,
                       String operatorKey) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.invitationService = invitationService;
        this.connectionService = connectionService;
        this.operatorKey = operatorKey;
    }

    /** A request to connection-service's operator API with the operator key. */
    RequestSpecification operator() {
        return RestAssured.given().baseUri(connectionService.baseUrl()).port(-1)
                .header("Authorization", "Bearer " + operatorKey);
    }

    static Path root() {
        return Path.of(System.getProperty("twinline.root", ".."));
    }

    static Path logs() {
        return root().resolve("e2e-tests/target/e2e-logs");
    }

    static PublicSide start() {
        Postgres postgres = Postgres.forTests();
        // The broker as deployed: internal listener for the public side, TLS + SCRAM partner listener, ACLs enforced.
        KafkaBroker kafka = KafkaTestResource.startBroker();
        int invitationPort = ServiceProcess.freePort();
        int connectionPort = ServiceProcess.freePort();

        Map<String, String> common = new HashMap<>();
        common.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        common.put("quarkus.datasource.username", postgres.user());
        common.put("quarkus.datasource.password", postgres.password());
        common.put("kafka.bootstrap.servers", kafka.internalBootstrap());
        common.put("twinline.outbox.poll-interval", "0.1s");
        common.put("quarkus.http.host", "127.0.0.1");

        Map<String, String> invitation = new HashMap<>(common);
        invitation.put("quarkus.http.port", String.valueOf(invitationPort));
        invitation.put("twinline.internal.service-token", INVITATION_SERVICE_TOKEN);
        invitation.put("twinline.invitation.public-endpoints.connection-api", "http://127.0.0.1:" + connectionPort);
        invitation.put("twinline.invitation.public-endpoints.invitation-api", "http://127.0.0.1:" + invitationPort);
        ServiceProcess invitationService = ServiceProcess.start("invitation-service",
                root().resolve("invitation-service/target/quarkus-app/quarkus-run.jar"), invitation, invitationPort,
                logs().resolve("invitation-service.log"));

        Map<String, String> connection = new HashMap<>(common);
        connection.put("quarkus.http.port", String.valueOf(connectionPort));
        connection.put("quarkus.rest-client.invitation-service.url", invitationService.baseUrl());
        connection.put("twinline.agent-token-key", TOKEN_KEY);
        connection.putAll(KafkaTestResource.settings(kafka));
        connection.put("twinline.connection.partner-kafka.password-key", SCRAM_KEY);
        connection.put("twinline.internal.service-token", CONNECTION_SERVICE_TOKEN);
        connection.put("twinline.connection.invitation-service-token", INVITATION_SERVICE_TOKEN);
        Path keyFile = logs().resolve("operator-key-" + UUID.randomUUID());
        connection.put("twinline.operators.bootstrap-key-file", keyFile.toAbsolutePath().toString());
        ServiceProcess connectionService = ServiceProcess.start("connection-service",
                root().resolve("connection-service/target/quarkus-app/quarkus-run.jar"), connection, connectionPort,
                logs().resolve("connection-service.log"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(keyFile));
        String operatorKey;
        try {
            operatorKey = Files.readString(keyFile).strip();
            Files.delete(keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PublicSide(postgres, kafka, invitationService, connectionService, operatorKey);
    }

    /** Starts a partner's agent; {@code invitation} may be empty for a restart from its stored state. */
    ServiceProcess startAgent(String shortName, String invitation, Path stateDir, String logName) {
        return startAgent(shortName, invitation, stateDir, logName, Map.of());
    }

    ServiceProcess startAgent(String shortName, String invitation, Path stateDir, String logName, Map<String, String> extra) {
        int port = ServiceProcess.freePort();
        Map<String, String> props = new HashMap<>(extra);
        props.put("quarkus.http.port", String.valueOf(port));
        props.putIfAbsent("quarkus.http.host", "127.0.0.1");
        props.putIfAbsent("twinline.agent.invitation", invitation);
        props.putIfAbsent("twinline.agent.short-name", shortName);
        props.putIfAbsent("twinline.agent.tracker-type", "JIRA");
        props.put("twinline.agent.state-dir", stateDir.toAbsolutePath().toString());
        props.putIfAbsent("twinline.agent.heartbeat-interval", "1s");
        return ServiceProcess.start("sync-agent " + shortName, root().resolve("sync-agent/target/quarkus-app/quarkus-run.jar"),
                props, port, logs().resolve(logName));
    }

    @Override
    public void close() throws Exception {
        connectionService.close();
        invitationService.close();
        kafka.close();
        postgres.close();
    }
}
