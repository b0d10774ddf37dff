package io.twinline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks bite: a deliberate typo in a copy of the rendered manifests, or a setting renamed in a copy of a
 * service's application.properties, is found and named.
 */
class MutatedManifestsTest {

    static String publicYaml;
    static String privateYaml;

    @BeforeAll
    static void render() throws Exception {
        publicYaml = Manifests.render(Manifests.ROOT.resolve("deploy/kubernetes/overlays/public"));
        privateYaml = Manifests.render(Manifests.ROOT.resolve("deploy/kubernetes/overlays/private-agent"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "containerPort: 8080|containrPort: 8080|not defined",
            "  replicas: 2|  replicas: two|",
            "pathType: Exact|pathTyp: Exact|",
            "policyTypes:|policyType:|"})
    void aTypoInACoreResourceFails(String field, String typo, String expectedWord) throws IOException {
        assertThat(publicYaml).contains(field);
        List<String> problems = CoreResources.problems(Manifests.parse(publicYaml.replaceFirst(java.util.regex.Pattern.quote(field),
                java.util.regex.Matcher.quoteReplacement(typo))));
        assertThat(problems).isNotEmpty();
        if (expectedWord != null) {
            assertThat(problems.toString()).containsIgnoringCase(expectedWord);
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "authentication:|authentcation:",
            "type: loadbalancer|type: loadbalancr",
            "roles:|role:",
            "patternType: prefix|patternTyp: prefix",
            "instances: 3|instanecs: 3",
            "instances: 3|instances: three",
            "primaryUpdateStrategy: unsupervised|primaryUpdateStrategy: sometimes"})
    void aTypoInAnOperatorResourceFails(String field, String typo) throws IOException {
        assertThat(publicYaml).contains(field);
        List<JsonNode> mutated = Manifests.parse(publicYaml.replaceFirst(java.util.regex.Pattern.quote(field), typo));
        assertThat(OperatorResources.problems(mutated)).isNotEmpty();
    }

    @Test
    void aMissingRequiredFieldFails() throws IOException {
        // A container without its name, a listener without its port.
        String noName = privateYaml.replaceFirst("(\\n +(?:- )?)name: sync-agent\\n", "$1stdin: true\n");
        assertThat(noName).isNotEqualTo(privateYaml);
        assertThat(CoreResources.problems(Manifests.parse(noName))).anyMatch(p -> p.contains("name"));
        String noPort = publicYaml.replaceFirst("\\n( +)port: 9092", "");
        assertThat(noPort).isNotEqualTo(publicYaml);
        assertThat(OperatorResources.problems(Manifests.parse(noPort))).anyMatch(p -> p.contains("port"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "TWINLINE_AGENT_TRACKER_URL|TWINLINE_AGENT_TRACKER_ULR",
            "path: /q/health/ready|path: /q/health/readiness",
            "containerPort: 8085|containerPort: 8086",
            "image: twinline/sync-agent:|image: twinline/sync-agnet:",
            "key: jira-token|kee: jira-token"})
    void aManifestThatDisagreesWithTheAgentFails(String field, String change) throws IOException {
        assertThat(privateYaml).contains(field);
        List<JsonNode> mutated = Manifests.parse(privateYaml.replace(field, change));
        List<String> problems = new java.util.ArrayList<>(CoreResources.problems(mutated));
        try {
            problems.addAll(new ManifestChecks(mutated, ManifestChecks.fromSources()).run());
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        assertThat(problems).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', value = {
            "connection-service|agent-token-key=${TWINLINE_AGENT_TOKEN_KEY}|agent-signing-key=${TWINLINE_AGENT_SIGNING_KEY}",
            "connection-service|quarkus.http.port=8080|quarkus.http.port=8088",
            "invitation-service|TWINLINE_PUBLIC_INVITATION_API|TWINLINE_PUBLIC_INVITATIONS",
            "invitation-service|TWINLINE_DB_URL|TWINLINE_DATABASE_URL",
            "sync-agent|twinline.agent.state-dir=|twinline.agent.state-directory="})
    void aSettingRenamedInAServiceFails(String module, String setting, String renamed) throws IOException {
        String properties = Files.readString(Manifests.ROOT.resolve(module).resolve("src/main/resources/application.properties"));
        assertThat(properties).contains(setting);
        ServiceSettings changed = new ServiceSettings(module, properties.replace(setting, renamed));
        Function<String, ServiceSettings> sources = ManifestChecks.fromSources();
        Function<String, ServiceSettings> withRename = m -> m.equals(module) ? changed : sources.apply(m);
        List<JsonNode> docs = Manifests.parse(module.equals("sync-agent") ? privateYaml : publicYaml);
        assertThat(new ManifestChecks(docs, withRename).run()).isNotEmpty();
    }
}
