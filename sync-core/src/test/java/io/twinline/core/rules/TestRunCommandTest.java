package io.twinline.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The test-run command on the repository's examples and default rules. */
class TestRunCommandTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DEFAULTS = Path.of("src/main/resources/io/twinline/core/rules/defaults");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TestRunCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void outgoingRulesOnTheFreshdeskExample() throws Exception {
        int status = run("--direction", "outgoing", "--script", DEFAULTS.resolve("freshdesk-outgoing.groovy").toString(),
                "--entity", ROOT.resolve("examples/freshdesk-ticket.json").toString(), "--tracker", "freshdesk");
        assertThat(status).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("replica").get("summary").asText()).isEqualTo("Printer on floor 3 rejects every job");
        assertThat(json.get("replica").get("comments")).hasSize(1); // the private note stays home
        assertThat(json.get("entity").get("group_id").asInt()).isEqualTo(7);
        assertThat(json.get("log").isArray()).isTrue();
    }

    @Test
    void incomingRulesOnTheJiraExample() throws Exception {
        int status = run("--direction", "incoming", "--script", DEFAULTS.resolve("jira-incoming.groovy").toString(),
                "--entity", ROOT.resolve("examples/jira-issue.json").toString(),
                "--replica", ROOT.resolve("examples/replica-from-freshdesk.json").toString(), "--tracker", "jira");
        assertThat(status).as(err.toString()).isZero();
        JsonNode entity = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("entity");
        assertThat(entity.get("priority").get("name").asText()).isEqualTo("Highest");
        assertThat(entity.get("comments")).hasSize(3);
        assertThat(entity.get("labels").toString()).contains("vip_customer");
    }

    @Test
    void failingRulesExitWithTwoAndTheLine(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("bad.groovy"), "replica.summary = 'x'\nthrow new com.exalate.api.exception.IssueTrackerException('stop here')\n");
        int status = run("--direction", "outgoing", "--script", script.toString(), "--entity", ROOT.resolve("examples/freshdesk-ticket.json").toString());
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("outgoing rules failed at line 2: stop here");
        assertThat(out.toString()).isEmpty();

        Path broken = Files.writeString(dir.resolve("broken.groovy"), "replica.summary = (\n");
        assertThat(run("--direction", "outgoing", "--script", broken.toString(), "--entity", ROOT.resolve("examples/freshdesk-ticket.json").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).containsPattern("outgoing rules, line \\d+, column \\d+");
    }

    @Test
    void badArgumentsAndInputsExitWithOne(@TempDir Path dir) throws Exception {
        assertThat(run("--direction", "sideways", "--script", "x")).isEqualTo(1);
        assertThat(err.toString()).contains("--direction must be outgoing or incoming");
        Path badJson = Files.writeString(dir.resolve("t.json"), "{\"summary\": 1}");
        Path script = Files.writeString(dir.resolve("ok.groovy"), "replica.summary = entity.summary");
        assertThat(run("--direction", "outgoing", "--script", script.toString(), "--entity", badJson.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("ticket.summary: expected text, got number");
    }
}
