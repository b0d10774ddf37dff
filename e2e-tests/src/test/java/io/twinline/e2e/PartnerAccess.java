package io.twinline.e2e;

import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * A partner as the public side sees it: redeems an invitation over HTTP (as an agent would), then takes the Kafka
 * access its token answer hands out, and makes Kafka clients with it on the partner listener.
 */
record PartnerAccess(String connectionId, String agentId, String agentSecret, Map<String, Object> kafka) {

    /** Initiates a connection, redeems its code and waits until connection-service hands out the agent's Kafka access. */
    static PartnerAccess enroll(PublicSide publicSide, String namePrefix) {
        String[] connection = E2eParts.initiate(publicSide, namePrefix);
        var redeemed = given().baseUri(publicSide.invitationService.baseUrl()).port(-1).contentType(ContentType.JSON)
                .body(Map.of("code", connection[1], "agent", Map.of("shortName", "partner", "version", "9.9.9", "trackerType", "JIRA")))
                .post("/api/v1/invitations/redeem").then().statusCode(200).extract();
        String agentId = redeemed.path("credentials.agentId");
        String agentSecret = redeemed.path("credentials.agentSecret");
        Map<String, Object> access = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var token = given().baseUri(publicSide.connectionService.baseUrl()).port(-1).contentType(ContentType.JSON)
                    .body(Map.of("agentId", agentId, "agentSecret", agentSecret)).post("/api/v1/agent/token");
            if (token.statusCode() != 200) {
                return false;
            }
            access.putAll(token.jsonPath().getMap("kafka"));
            return true;
        });
        return new PartnerAccess(connection[0], agentId, agentSecret, access);
    }

    /** Client properties of this agent's identity on the partner listener (TLS with the CA handed out, SCRAM). */
    Map<String, Object> client() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", kafka.get("bootstrap"));
        props.put("security.protocol", kafka.get("securityProtocol"));
        props.put("sasl.mechanism", kafka.get("saslMechanism"));
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + kafka.get("username") + "\" password=\"" + kafka.get("password") + "\";");
        props.put("ssl.truststore.type", "PEM");
        props.put("ssl.truststore.certificates", kafka.get("caPem"));
        props.putAll(timeouts());
        return props;
    }

    static Map<String, Object> timeouts() {
        return Map.of("request.timeout.ms", 5000, "default.api.timeout.ms", 10000, "max.block.ms", 10000,
                "reconnect.backoff.max.ms", 1000);
    }

    Admin admin() {
        return Admin.create(client());
    }

    KafkaConsumer<String, String> consumer(String group) {
        Map<String, Object> props = new HashMap<>(client());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    KafkaProducer<String, String> producer() {
        Map<String, Object> props = new HashMap<>(client());
        props.put("client.id", "forger-" + UUID.randomUUID());
        props.put("delivery.timeout.ms", 15000);
        props.put("enable.idempotence", false);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
