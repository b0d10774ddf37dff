package io.twinline.connection;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.twinline.testkit.KafkaBroker;
import io.twinline.testkit.KafkaTestResource;
import io.twinline.testkit.Postgres;
import io.twinline.testkit.ServiceProcess;

import java.nio.file.Path;
import java.util.Map;

/**
 * The public side around connection-service under test: a real PostgreSQL, a real Kafka, and the packaged
 * invitation-service running as its own process against both.
 */
public class PublicSideTestResource implements QuarkusTestResourceLifecycleManager {

    /** invitation-service's service credential, which connection-service sends on its /internal calls. */
    static final String INVITATION_SERVICE_TOKEN = "test-only-invitation-service-token-0123456789";

    static volatile String invitationServiceUrl;
    static volatile String kafkaBootstrap;
    static volatile String partnerBootstrap;
    static volatile String caPem;

    private Postgres postgres;
    private KafkaBroker kafka;
    private ServiceProcess invitationService;

    @Override
    public Map<String, String> start() {
        postgres = Postgres.forTests();
        kafka = KafkaTestResource.startBroker();
        int port = ServiceProcess.freePort();
        invitationService = ServiceProcess.start("invitation-service",
                Path.of("../invitation-service/target/quarkus-app/quarkus-run.jar"),
                Map.of("quarkus.http.port", String.valueOf(port),
                        "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                        "quarkus.datasource.username", postgres.user(),
                        "quarkus.datasource.password", postgres.password(),
                        "kafka.bootstrap.servers", kafka.internalBootstrap(),
                        "twinline.outbox.poll-interval", "0.1s",
                        "twinline.internal.service-token", INVITATION_SERVICE_TOKEN,
                        "quarkus.log.category.\"org.apache.kafka\".level", "WARN"),
                port, Path.of("target/invitation-service.log"));
        invitationServiceUrl = invitationService.baseUrl();
        kafkaBootstrap = kafka.internalBootstrap();
        partnerBootstrap = kafka.partnerBootstrap();
        caPem = kafka.tls().caPem();
        Map<String, String> settings = new java.util.HashMap<>(KafkaTestResource.settings(kafka));
        settings.putAll(Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", postgres.user(),
                "quarkus.datasource.password", postgres.password(),
                "quarkus.rest-client.invitation-service.url", invitationService.baseUrl(),
                "twinline.connection.invitation-service-token", INVITATION_SERVICE_TOKEN));
        return settings;
    }

    @Override
    public void stop() {
        try {
            if (invitationService != null) {
                invitationService.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the public side", e);
        }
    }
}
