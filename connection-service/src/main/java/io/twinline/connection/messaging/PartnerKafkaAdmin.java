package io.twinline.connection.messaging;

import io.twinline.connection.config.ConnectionConfig;
import io.twinline.core.model.Side;
import io.twinline.core.sync.SyncTopics;
import io.twinline.support.kafka.KafkaClientSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a connection has on Kafka, set up and taken down with the Kafka admin client: its two replica topics, and its
 * private agent's SCRAM identity with LITERAL ACLs — READ and DESCRIBE on its own to-private topic, READ on its own
 * consumer group, nothing else (no other topic, no event topic, no producing, no creating). Every call is idempotent,
 * so a redelivered event or a retried delete does the same again without harm.
 */
@ApplicationScoped
public class PartnerKafkaAdmin {

    private static final Logger LOG = Logger.getLogger(PartnerKafkaAdmin.class);
    private static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;

    private final Admin admin;
    private final ConnectionConfig.PartnerKafka config;

    public PartnerKafkaAdmin(KafkaClientSettings kafka, ConnectionConfig config) {
        this.config = config.partnerKafka();
        this.admin = Admin.create(kafka.with("connection-service-partner-admin", Map.of(
                "request.timeout.ms", 10_000, "default.api.timeout.ms", 30_000)));
    }

    /** The principal the partner listener gives an agent that signed in as {@code username}. */
    public static String principal(String username) {
        return "User:" + username;
    }

    /** Creates the connection's to-private and to-public topics (partitions and replication factor from configuration). */
    public void createTopics(UUID connectionId) {
        for (String topic : List.of(SyncTopics.toPrivate(connectionId), SyncTopics.toPublic(connectionId))) {
            try {
                await(admin.createTopics(List.of(new NewTopic(topic, config.topicPartitions(), config.topicReplicationFactor()))).all());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw failed("create topic " + topic, e);
                }
            }
        }
    }

    public void deleteTopics(UUID connectionId) {
        for (String topic : List.of(SyncTopics.toPrivate(connectionId), SyncTopics.toPublic(connectionId))) {
            try {
                await(admin.deleteTopics(List.of(topic)).all());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw failed("delete topic " + topic, e);
                }
            }
        }
    }

    /** Sets the agent's SCRAM credential (only its salted form reaches the broker) and its ACLs. */
    public void grant(UUID connectionId, String username, String password) {
        try {
            await(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(username,
                    new ScramCredentialInfo(MECHANISM, config.scramIterations()), password))).all());
            await(admin.createAcls(acls(connectionId, username)).all());
        } catch (ExecutionException e) {
            throw failed("grant " + username + " its access", e);
        }
        LOG.infof("connection %s: Kafka identity %s may read %s (group %s)", connectionId, username,
                SyncTopics.toPrivate(connectionId), SyncTopics.consumerGroup(connectionId, Side.PRIVATE));
    }

    /** Deletes the agent's ACLs (every one of its principal, whatever resource) and its SCRAM credential. */
    public void revoke(String username) {
        try {
            await(admin.deleteAcls(List.of(new AclBindingFilter(ResourcePatternFilter.ANY,
                    new AccessControlEntryFilter(principal(username), null, AclOperation.ANY, AclPermissionType.ANY)))).all());
            try {
                await(admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(username, MECHANISM))).all());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ResourceNotFoundException)) {
                    throw e;
                }
            }
        } catch (ExecutionException e) {
            throw failed("revoke " + username, e);
        }
        LOG.infof("Kafka identity %s and its ACLs deleted", username);
    }

    static List<AclBinding> acls(UUID connectionId, String username) {
        ResourcePattern topic = new ResourcePattern(ResourceType.TOPIC, SyncTopics.toPrivate(connectionId), PatternType.LITERAL);
        ResourcePattern group = new ResourcePattern(ResourceType.GROUP, SyncTopics.consumerGroup(connectionId, Side.PRIVATE),
                PatternType.LITERAL);
        String who = principal(username);
        return List.of(
                new AclBinding(topic, new AccessControlEntry(who, "*", AclOperation.READ, AclPermissionType.ALLOW)),
                new AclBinding(topic, new AccessControlEntry(who, "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW)),
                new AclBinding(group, new AccessControlEntry(who, "*", AclOperation.READ, AclPermissionType.ALLOW)));
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Kafka", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s", e);
        }
    }

    private static IllegalStateException failed(String what, ExecutionException e) {
        return new IllegalStateException("could not " + what + " on Kafka: " + e.getCause().getMessage(), e.getCause());
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
