package io.twinline.connectors.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinline.connectors.http.ExpiringValue;
import io.twinline.connectors.http.Json;
import io.twinline.core.model.IssueType;
import io.twinline.core.model.Label;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Status;
import io.twinline.core.model.User;
import io.twinline.core.tracker.FieldInfo;
import io.twinline.core.tracker.TrackerCatalogue;
import io.twinline.core.tracker.TrackerException;
import io.twinline.core.tracker.TrackerException.Kind;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Jira's statuses, priorities, issue types, fields and users, cached for five minutes. */
final class JiraCatalogue implements TrackerCatalogue {

    private static final Duration TTL = Duration.ofMinutes(5);

    private record Snapshot(List<Status> statuses, List<Priority> priorities, List<IssueType> types,
                            List<FieldInfo> fields) {
    }

    private final JiraConnector connector;
    private final ExpiringValue<Snapshot> snapshot;
    private final Map<String, Optional<User>> users = new ConcurrentHashMap<>();

    JiraCatalogue(JiraConnector connector, Clock clock) {
        this.connector = connector;
        this.snapshot = new ExpiringValue<>(TTL, clock, this::load);
    }

    private Snapshot snapshot() {
        return snapshot.get();
    }

    private Snapshot load() {
        List<Status> statuses = new ArrayList<>();
        connector.getJson("list statuses", "/rest/api/2/status").forEach(n -> statuses.add(new Status(Json.text(n, "id"), Json.text(n, "name"))));
        List<Priority> priorities = new ArrayList<>();
        connector.getJson("list priorities", "/rest/api/2/priority").forEach(n -> priorities.add(new Priority(Json.text(n, "id"), Json.text(n, "name"))));
        List<IssueType> types = new ArrayList<>();
        connector.getJson("list issue types", "/rest/api/2/issuetype").forEach(n -> types.add(new IssueType(Json.text(n, "id"), Json.text(n, "name"))));
        List<FieldInfo> fields = new ArrayList<>();
        for (JsonNode f : connector.getJson("list fields", "/rest/api/2/field")) {
            List<String> options = new ArrayList<>();
            f.path("allowedValues").forEach(v -> options.add(v.isTextual() ? v.asText() : v.path("value").asText()));
            fields.add(new FieldInfo(Json.text(f, "id"), Json.text(f, "name"), Json.text(f.path("schema"), "type"),
                    f.path("custom").asBoolean(false), options));
        }
        return new Snapshot(statuses, priorities, types, fields);
    }

    String fieldType(String id) {
        return snapshot().fields().stream().filter(f -> f.id().equals(id)).map(FieldInfo::type).findFirst().orElse(null);
    }

    List<FieldInfo> fields() {
        return snapshot().fields();
    }

    @Override
    public String trackerType() {
        return JiraConnector.TYPE;
    }

    @Override
    public List<Status> statuses() {
        return snapshot().statuses();
    }

    @Override
    public List<Priority> priorities() {
        return snapshot().priorities();
    }

    @Override
    public List<IssueType> issueTypes() {
        return snapshot().types();
    }

    @Override
    public List<Label> labels() {
        return List.of();
    }

    /** Jira labels cannot hold spaces: they become underscores. */
    @Override
    public Optional<Label> label(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Label(text.trim().replaceAll("\\s+", "_")));
    }

    @Override
    public Optional<User> userByEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        return users.computeIfAbsent("email:" + email.toLowerCase(), k -> {
            for (JsonNode u : connector.getJson("find user", "/rest/api/2/user/search?username=" + enc(email))) {
                if (email.equalsIgnoreCase(Json.text(u, "emailAddress"))) {
                    return Optional.of(JiraConnector.toUser(u));
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public Optional<User> userById(String id) {
        return userByUsername(id);
    }

    @Override
    public Optional<User> userByUsername(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return users.computeIfAbsent("name:" + username, k -> {
            try {
                return Optional.of(JiraConnector.toUser(connector.getJson("read user " + username, "/rest/api/2/user?username=" + enc(username))));
            } catch (TrackerException e) {
                if (e.kind() == Kind.NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
