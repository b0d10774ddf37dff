package io.twinline.e2e;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.twinline.simulator.TrackerSimulator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the end-to-end tests share: the trackers' own APIs, the agents' settings per side, and Kafka probes. */
final class E2eParts {

    private E2eParts() {
    }

    static RequestSpecification freshdesk(TrackerSimulator trackers) {
        return given().baseUri(trackers.baseUrl()).port(-1).auth().preemptive().basic("demo-key", "X").contentType(ContentType.JSON);
    }

    static RequestSpecification jira(TrackerSimulator trackers) {
        return given().baseUri(trackers.baseUrl()).port(-1).header("Authorization", "Bearer demo-token").contentType(ContentType.JSON);
    }

    static List<Map<String, Object>> jiraIssuesWithSummary(TrackerSimulator trackers, String summary) {
        List<Map<String, Object>> issues = jira(trackers).queryParam("jql", "project = TEST").queryParam("maxResults", 200)
                .get("/rest/api/2/search").then().statusCode(200).extract().path("issues");
        return issues.stream().filter(i -> summary.equals(((Map<?, ?>) i.get("fields")).get("summary"))).toList();
    }

    /** Waits for exactly one Jira issue with the summary; returns its key. */
    static String awaitSingleJiraIssue(TrackerSimulator trackers, String summary) {
        AtomicReference<String> key = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Map<String, Object>> issues = jiraIssuesWithSummary(trackers, summary);
            assertThat(issues).hasSize(1);
            key.set((String) issues.get(0).get("key"));
        });
        return key.get();
    }

    static List<String> freshdeskNotes(TrackerSimulator trackers, int ticketId) {
        return freshdesk(trackers).get("/api/v2/tickets/{id}/conversations", ticketId).then().statusCode(200).extract().path("body_text");
    }

    /** Initiates a private connection in script mode; returns its id and invitation code. */
    static String[] initiate(PublicSide publicSide, String namePrefix) {
        var created = publicSide.operator().contentType(ContentType.JSON)
                .body(Map.of("type", "PRIVATE", "mode", "SCRIPT", "localName", "acme", "remoteName", "partner",
                        "name", namePrefix + " " + UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/connections").then().statusCode(201).extract();
        return new String[]{created.path("id"), created.path("invitationCode")};
    }

    /** The private agent's settings for the simulated Jira (project TEST, polled every second). */
    static Map<String, String> jiraAgentSettings(TrackerSimulator trackers) {
        Map<String, String> jiraSide = new HashMap<>();
        jiraSide.put("twinline.agent.tracker.url", trackers.baseUrl());
        jiraSide.put("twinline.agent.tracker.token", "demo-token");
        jiraSide.put("twinline.agent.tracker.project", "TEST");
        jiraSide.put("twinline.agent.tracker.poll-interval", "1s");
        return jiraSide;
    }

    /** The public agent's settings for the simulated Freshdesk, the connection and the public Kafka. */
    static Map<String, String> freshdeskAgentSettings(PublicSide publicSide, TrackerSimulator trackers, String connectionId) {
        Map<String, String> freshdeskSide = new HashMap<>();
        freshdeskSide.put("twinline.agent.side", "PUBLIC");
        freshdeskSide.put("twinline.agent.sync.service-token", PublicSide.CONNECTION_SERVICE_TOKEN);
        freshdeskSide.put("twinline.agent.tracker-type", "FRESHDESK");
        freshdeskSide.put("twinline.agent.connection-id", connectionId);
        freshdeskSide.put("twinline.agent.kafka-bootstrap", publicSide.kafka.internalBootstrap());
        freshdeskSide.put("twinline.agent.tracker.url", trackers.baseUrl());
        freshdeskSide.put("twinline.agent.tracker.api-key", "demo-key");
        freshdeskSide.put("twinline.agent.tracker.poll-interval", "1s");
        return freshdeskSide;
    }

    static KafkaConsumer<String, String> consumer(PublicSide publicSide) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, publicSide.kafka.internalBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
    }

    static long recordCount(PublicSide publicSide, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(publicSide)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Sends every record of the topic again, as an at-least-once redelivery would; returns how many. */
    static int replay(PublicSide publicSide, String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long total = recordCount(publicSide, topic);
        try (KafkaConsumer<String, String> consumer = consumer(publicSide)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (records.size() < total && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                publicSide.kafka.internalBootstrap()), new StringSerializer(), new StringSerializer())) {
            for (ConsumerRecord<String, String> r : records) {
                producer.send(new ProducerRecord<>(topic, r.key(), r.value()));
            }
            producer.flush();
        }
        return records.size();
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
