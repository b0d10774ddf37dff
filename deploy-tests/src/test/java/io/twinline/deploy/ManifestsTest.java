package io.twinline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Both overlays render, parse strictly against their schemas and agree with the services and their images. */
class ManifestsTest {

    static List<JsonNode> publicSide;
    static List<JsonNode> privateAgent;

    @BeforeAll
    static void render() throws Exception {
        publicSide = Manifests.overlay("public");
        privateAgent = Manifests.overlay("private-agent");
    }

    @Test
    void thePublicOverlayHasTheWholePublicSide() {
        Set<String> kinds = kinds(publicSide);
        assertThat(kinds).contains("Deployment", "Service", "Ingress", "NetworkPolicy", "PodDisruptionBudget", "Kafka",
                "KafkaNodePool", "KafkaUser", "Cluster");
        assertThat(Manifests.ofKind(publicSide, "Deployment")).extracting(Manifests::name)
                .contains("connection-service", "invitation-service", "sync-agent-public-example");
        assertThat(Manifests.ofKind(publicSide, "KafkaUser")).extracting(Manifests::name)
                .contains("connection-service", "invitation-service", "sync-agent-public");
        JsonNode kafka = Manifests.ofKind(publicSide, "Kafka").get(0);
        assertThat(kafka.path("spec").path("kafka").path("listeners").toString())
                .contains("\"name\":\"internal\"", "\"name\":\"partner\"", "\"tls\":true", "scram-sha-512");
        assertThat(kafka.path("spec").path("kafka").path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(Manifests.ofKind(publicSide, "KafkaNodePool")).extracting(p -> p.path("spec").path("roles").toString())
                .contains("[\"controller\"]", "[\"broker\"]");
        assertThat(publicSide).allMatch(d -> Manifests.kind(d).equals("Namespace") || d.path("metadata").path("namespace").asText().equals("twinline"));
    }

    @Test
    void thePrivateOverlayIsTheAgentAloneAndPublishesNothing() {
        assertThat(kinds(privateAgent)).containsExactlyInAnyOrder("Namespace", "PersistentVolumeClaim", "Deployment", "NetworkPolicy");
        JsonNode policy = Manifests.ofKind(privateAgent, "NetworkPolicy").get(0);
        assertThat(policy.path("spec").path("policyTypes").toString()).contains("Ingress", "Egress");
        assertThat(policy.path("spec").path("ingress")).isEmpty();
        for (JsonNode rule : policy.path("spec").path("egress")) {
            for (JsonNode to : rule.path("to")) {
                // Only named addresses (the public side, the tracker) and the cluster's DNS: no open egress.
                assertThat(to.has("ipBlock") ? to.path("ipBlock").path("cidr").asText() : "dns")
                        .matches("dns|[0-9.]+/(2[4-9]|3[0-2])");
            }
        }
        JsonNode agent = Manifests.ofKind(privateAgent, "Deployment").get(0).path("spec").path("template").path("spec");
        assertThat(agent.path("volumes").toString()).contains("persistentVolumeClaim");
        assertThat(agent.path("containers").get(0).path("env").toString()).contains("TWINLINE_AGENT_INVITATION", "\"optional\":true");
    }

    @Test
    void coreResourcesParseStrictlyAgainstTheKubernetesApiTypes() {
        assertThat(CoreResources.problems(publicSide)).isEmpty();
        assertThat(CoreResources.problems(privateAgent)).isEmpty();
    }

    @Test
    void strimziAndCloudNativePgResourcesMatchTheirSchemas() throws Exception {
        assertThat(OperatorResources.problems(publicSide)).isEmpty();
        assertThat(OperatorResources.problems(privateAgent)).isEmpty();
    }

    @Test
    void imagesPortsProbesAndSettingsAreTheServicesOwn() throws Exception {
        assertThat(new ManifestChecks(publicSide, ManifestChecks.fromSources()).run()).isEmpty();
        assertThat(new ManifestChecks(privateAgent, ManifestChecks.fromSources()).run()).isEmpty();
    }

    private static Set<String> kinds(List<JsonNode> docs) {
        Set<String> kinds = new TreeSet<>();
        docs.forEach(d -> kinds.add(Manifests.kind(d)));
        return kinds;
    }
}
