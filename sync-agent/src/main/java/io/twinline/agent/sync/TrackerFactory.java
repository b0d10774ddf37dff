package io.twinline.agent.sync;

import io.twinline.agent.config.AgentConfig;
import io.twinline.connectors.freshdesk.FreshdeskConfig;
import io.twinline.connectors.freshdesk.FreshdeskConnector;
import io.twinline.connectors.jira.JiraConfig;
import io.twinline.connectors.jira.JiraConnector;
import io.twinline.core.tracker.TrackerConnector;

import java.util.Locale;

/** Builds the connector of the tracker this agent is configured for. */
final class TrackerFactory {

    private TrackerFactory() {
    }

    static TrackerConnector create(AgentConfig config) {
        AgentConfig.Tracker tracker = config.tracker();
        String url = tracker.url().orElseThrow(() -> new IllegalStateException("twinline.agent.tracker.url is not set"));
        return switch (config.trackerType().toUpperCase(Locale.ROOT)) {
            case "FRESHDESK" -> new FreshdeskConnector(FreshdeskConfig.builder(url, tracker.apiKey().orElseThrow(() ->
                    new IllegalStateException("a Freshdesk tracker needs twinline.agent.tracker.api-key"))).build());
            case "JIRA" -> {
                JiraConfig.Builder builder = tracker.token().isPresent()
                        ? JiraConfig.token(url, tracker.token().get())
                        : JiraConfig.basic(url, tracker.username().orElseThrow(() -> new IllegalStateException(
                                "a Jira tracker needs twinline.agent.tracker.token, or username and password")),
                        tracker.password().orElse(""));
                tracker.project().ifPresent(project -> builder.pollScope("project = " + project).defaultProject(project));
                yield new JiraConnector(builder.build());
            }
            default -> throw new IllegalStateException("unknown tracker type " + config.trackerType() + " (FRESHDESK or JIRA)");
        };
    }
}
