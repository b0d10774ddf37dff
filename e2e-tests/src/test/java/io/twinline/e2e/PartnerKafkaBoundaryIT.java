package io.twinline.e2e;

import io.twinline.core.model.Side;
import io.twinline.core.sync.SyncTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The cross-company boundary on Kafka, against the broker as deployed (INTERNAL, PARTNER with TLS + SCRAM, ACLs on):
 * a client without credentials gets nothing; a connection's agent identity reads its own to-private topic in its own
 * group and nothing else; deleting the connection removes its topics, identity and ACLs.
 */
class PartnerKafkaBoundaryIT {

    private static PublicSide publicSide;

    @BeforeAll
    static void start() {
        publicSide = PublicSide.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (publicSide != null) {
            publicSide.close();
        }
    }

    @Test
    void aClientWithoutCredentialsIsRefusedOnThePartnerListener() {
        Map<String, Object> plain = new HashMap<>(PartnerAccess.timeouts());
        plain.put("bootstrap.servers", publicSide.kafka.partnerBootstrap());
        try (Admin admin = Admin.create(plain)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS)).isNotNull();
        }
        // TLS with the right CA but a made-up identity: authentication fails, nothing is listed.
        PartnerAccess real = PartnerAccess.enroll(publicSide, "e2e no creds");
        Map<String, Object> forged = new HashMap<>(real.client());
        forged.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + real.agentId() + "\" password=\"guessed-password\";");
        try (Admin admin = Admin.create(forged)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void anAgentIdentityReadsOnlyItsOwnTopicInItsOwnGroup() throws Exception {
        PartnerAccess a = PartnerAccess.enroll(publicSide, "e2e acl A");
        PartnerAccess b = PartnerAccess.enroll(publicSide, "e2e acl B");
        UUID aId = UUID.fromString(a.connectionId());
        UUID bId = UUID.fromString(b.connectionId());
        String aGroup = SyncTopics.consumerGroup(aId, Side.PRIVATE);

        // The public side puts a replica on A's topic; A's identity reads it in A's group.
        try (KafkaProducer<String, String> internal = new KafkaProducer<>(Map.of("bootstrap.servers",
                publicSide.kafka.internalBootstrap()), new StringSerializer(), new StringSerializer())) {
            internal.send(new ProducerRecord<>(SyncTopics.toPrivate(aId), "twin", "{\"for\":\"A\"}")).get(30, TimeUnit.SECONDS);
            internal.send(new ProducerRecord<>(SyncTopics.toPrivate(bId), "twin", "{\"for\":\"B\"}")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> own = a.consumer(aGroup)) {
            own.subscribe(List.of(SyncTopics.toPrivate(aId)));
            List<String> read = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                own.poll(Duration.ofMillis(500)).forEach(r -> read.add(r.value()));
                return !read.isEmpty();
            });
            assertThat(read).containsExactly("{\"for\":\"A\"}");
        }
        try (Admin admin = a.admin()) {
            // It sees its own topic only, and cannot create one.
            assertThat(admin.listTopics().names().get(15, TimeUnit.SECONDS)).containsExactly(SyncTopics.toPrivate(aId));
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("twinline.sync.mine", 1, (short) 1))).all()
                    .get(15, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
        }

        // B's topic, in A's own group: refused.
        assertThat(pollFailure(a, aGroup, SyncTopics.toPrivate(bId))).isInstanceOf(TopicAuthorizationException.class);
        // A's own topic in B's group: refused.
        assertThat(pollFailure(a, SyncTopics.consumerGroup(bId, Side.PRIVATE), SyncTopics.toPrivate(aId)))
                .isInstanceOf(GroupAuthorizationException.class);
        // The public side's event topics: refused.
        assertThat(pollFailure(a, aGroup, "twinline.connection-events")).isInstanceOf(TopicAuthorizationException.class);
        assertThat(pollFailure(a, aGroup, "twinline.invitation-events")).isInstanceOf(TopicAuthorizationException.class);
        // Its own to-public topic: refused (the private side sends over HTTPS, where connection-service checks it).
        assertThat(pollFailure(a, aGroup, SyncTopics.toPublic(aId))).isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aPartnerCannotProduceAForgedRedeemedEventOrAnyOtherRecord() throws Exception {
        PartnerAccess a = PartnerAccess.enroll(publicSide, "e2e forger");
        UUID aId = UUID.fromString(a.connectionId());
        long eventsBefore = E2eParts.recordCount(publicSide, "twinline.invitation-events");
        String forged = """
                {"eventId":"%s","type":"REDEEMED","connectionId":"%s","invitationId":"%s","occurredAt":"2026-11-23T10:00:00Z",
                 "agent":{"shortName":"forger","version":"1","trackerType":"JIRA"},"credential":{"agentId":"agent-x","secretHash":"00"}}
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        try (KafkaProducer<String, String> producer = a.producer()) {
            for (String topic : List.of("twinline.invitation-events", "twinline.connection-events", SyncTopics.toPublic(aId),
                    SyncTopics.toPrivate(aId))) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", forged)).get(30, TimeUnit.SECONDS))
                        .as("producing to %s", topic).hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
        assertThat(E2eParts.recordCount(publicSide, "twinline.invitation-events")).isEqualTo(eventsBefore);
    }

    @Test
    void revokingAnAgentsCredentialsRemovesItsKafkaIdentityAndAcls() throws Exception {
        PartnerAccess c = PartnerAccess.enroll(publicSide, "e2e revoke kafka");
        UUID id = UUID.fromString(c.connectionId());
        AclBindingFilter ofAgent = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter("User:" + c.agentId(), null, AclOperation.ANY, AclPermissionType.ANY));
        try (Admin internal = Admin.create(Map.of("bootstrap.servers", publicSide.kafka.internalBootstrap()))) {
            assertThat(internal.describeUserScramCredentials().all().get(15, TimeUnit.SECONDS)).containsKey(c.agentId());

            publicSide.operator().post("/api/v1/connections/{id}/agent-credentials/revoke", c.connectionId())
                    .then().statusCode(200);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    internal.describeUserScramCredentials().all().get(15, TimeUnit.SECONDS)).doesNotContainKey(c.agentId()));
            assertThat(internal.describeAcls(ofAgent).values().get(15, TimeUnit.SECONDS)).isEmpty();
            // The connection's topics stay: it is not deleted, it waits for a new invitation.
            assertThat(internal.listTopics().names().get(15, TimeUnit.SECONDS))
                    .contains(SyncTopics.toPrivate(id), SyncTopics.toPublic(id));
        }
    }

    @Test
    void deletingAConnectionRemovesItsTopicsIdentityAndAcls() throws Exception {
        PartnerAccess c = PartnerAccess.enroll(publicSide, "e2e delete");
        UUID id = UUID.fromString(c.connectionId());
        Set<String> topics = Set.of(SyncTopics.toPrivate(id), SyncTopics.toPublic(id));
        AclBindingFilter ofAgent = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter("User:" + c.agentId(), null, AclOperation.ANY, AclPermissionType.ANY));
        try (Admin internal = Admin.create(Map.of("bootstrap.servers", publicSide.kafka.internalBootstrap()))) {
            assertThat(internal.listTopics().names().get(15, TimeUnit.SECONDS)).containsAll(topics);
            assertThat(internal.describeTopics(topics).allTopicNames().get(15, TimeUnit.SECONDS).values())
                    .allSatisfy(t -> assertThat(t.partitions()).hasSize(3));
            assertThat(internal.describeUserScramCredentials(List.of(c.agentId())).all().get(15, TimeUnit.SECONDS)).containsKey(c.agentId());
            assertThat(internal.describeAcls(ofAgent).values().get(15, TimeUnit.SECONDS)).hasSize(3);

            publicSide.operator().delete("/api/v1/connections/{id}", c.connectionId())
                    .then().statusCode(204);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(internal.listTopics().names().get(15, TimeUnit.SECONDS)).doesNotContainAnyElementsOf(topics));
            assertThat(internal.describeUserScramCredentials().all().get(15, TimeUnit.SECONDS)).doesNotContainKey(c.agentId());
            assertThat(internal.describeAcls(ofAgent).values().get(15, TimeUnit.SECONDS)).isEmpty();
        }
        try (Admin gone = c.admin()) {
            assertThatThrownBy(() -> gone.listTopics().names().get(15, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** What polling {@code topic} in {@code group} with the identity's credentials fails with. */
    private static Throwable pollFailure(PartnerAccess who, String group, String topic) {
        try (KafkaConsumer<String, String> consumer = who.consumer(group)) {
            consumer.subscribe(List.of(topic));
            long end = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < end) {
                try {
                    consumer.poll(Duration.ofMillis(500));
                } catch (RuntimeException e) {
                    return e;
                }
            }
        }
        throw new AssertionError("polling " + topic + " in group " + group + " was not refused");
    }
}
