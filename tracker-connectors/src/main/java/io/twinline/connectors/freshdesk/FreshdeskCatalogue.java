package io.twinline.connectors.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinline.connectors.http.ExpiringValue;
import io.twinline.connectors.http.Json;
import io.twinline.core.model.IssueType;
import io.twinline.core.model.Label;
import io.twinline.core.model.NamedValue;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Freshdesk's statuses, priorities, types and fields (from {@code /ticket_fields}, custom statuses
 * included) and its agents and contacts, cached for five minutes: rules ask on every run, and the API
 * budget is better spent on tickets.
 */
final class FreshdeskCatalogue implements TrackerCatalogue {

    private static final Duration TTL = Duration.ofMinutes(5);

    private record Snapshot(Map<Integer, String> statuses, Map<Integer, String> priorities,
                            List<String> types, List<FieldInfo> fields, Map<String, User> agents) {
    }

    private final FreshdeskConnector connector;
    private final ExpiringValue<Snapshot> snapshot;
    private final Map<String, Optional<User>> contacts = new ConcurrentHashMap<>();

    FreshdeskCatalogue(FreshdeskConnector connector, Clock clock) {
        this.connector = connector;
        this.snapshot = new ExpiringValue<>(TTL, clock, this::load);
    }

    private Snapshot snapshot() {
        return snapshot.get();
    }

    /** Forgets cached values (after an administrator changed fields or agents). */
    void refresh() {
        snapshot.invalidate();
        contacts.clear();
    }

    private Snapshot load() {
        JsonNode fields = connector.getJson("read ticket fields", "/api/v2/ticket_fields");
        Map<Integer, String> statuses = new LinkedHashMap<>();
        Map<Integer, String> priorities = new LinkedHashMap<>();
        List<String> types = new ArrayList<>();
        List<FieldInfo> infos = new ArrayList<>();
        for (JsonNode f : fields) {
            String name = f.path("name").asText();
            JsonNode choices = f.path("choices");
            List<String> options = new ArrayList<>();
            switch (name) {
                case "status" -> choices.fields().forEachRemaining(e -> {
                    // {"2": ["Open", "Being Processed"]}: agent label first
                    String label = e.getValue().isArray() ? e.getValue().path(0).asText() : e.getValue().asText();
                    statuses.put(Integer.parseInt(e.getKey()), label);
                    options.add(label);
                });
                case "priority" -> choices.fields().forEachRemaining(e -> {
                    priorities.put(e.getValue().asInt(), e.getKey());
                    options.add(e.getKey());
                });
                case "ticket_type" -> choices.forEach(c -> {
                    types.add(c.asText());
                    options.add(c.asText());
                });
                default -> {
                    if (choices.isArray()) {
                        choices.forEach(c -> options.add(c.isTextual() ? c.asText() : c.path("value").asText()));
                    } else if (choices.isObject()) {
                        choices.fieldNames().forEachRemaining(options::add);
                    }
                }
            }
            infos.add(new FieldInfo(name, Json.text(f, "label"), Json.text(f, "type"), !f.path("default").asBoolean(false), options));
        }
        Map<String, User> agents = new LinkedHashMap<>();
        for (JsonNode a : connector.getJson("list agents", "/api/v2/agents?per_page=100")) {
            JsonNode c = a.path("contact");
            String id = a.path("id").asText();
            agents.put(id, new User(id, Json.text(c, "name"), Json.text(c, "email"), null));
        }
        return new Snapshot(statuses, priorities, types, infos, agents);
    }

    String statusName(int code) {
        String name = snapshot().statuses().get(code);
        return name != null ? name : String.valueOf(code);
    }

    String priorityName(int code) {
        String name = snapshot().priorities().get(code);
        return name != null ? name : String.valueOf(code);
    }

    String fieldType(String name) {
        return snapshot().fields().stream().filter(f -> f.id().equals(name)).map(FieldInfo::type).findFirst().orElse(null);
    }

    int statusCode(Status status) {
        return code(status, snapshot().statuses(), "status");
    }

    int priorityCode(Priority priority) {
        return code(priority, snapshot().priorities(), "priority");
    }

    private static int code(NamedValue v, Map<Integer, String> table, String what) {
        if (v.getId() != null && v.getId().matches("\\d+") && table.containsKey(Integer.parseInt(v.getId()))) {
            return Integer.parseInt(v.getId());
        }
        if (v.getName() != null) {
            for (Map.Entry<Integer, String> e : table.entrySet()) {
                if (e.getValue().equalsIgnoreCase(v.getName().trim())) {
                    return e.getKey();
                }
            }
        }
        throw new TrackerException(FreshdeskConnector.TYPE, Kind.VALIDATION, "freshdesk: unknown " + what + " '" + v
                + "'; this account knows " + table.values());
    }

    long agentId(User user) {
        if (user.getKey() != null && snapshot().agents().containsKey(user.getKey())) {
            return Long.parseLong(user.getKey());
        }
        Optional<User> byEmail = user.getEmail() == null ? Optional.empty() : snapshot().agents().values().stream()
                .filter(a -> user.getEmail().equalsIgnoreCase(a.getEmail())).findFirst();
        return byEmail.map(a -> Long.parseLong(a.getKey())).orElseThrow(() -> new TrackerException(FreshdeskConnector.TYPE,
                Kind.VALIDATION, "freshdesk: no agent matches " + user.describe() + " (tickets can only be assigned to agents)"));
    }

    List<FieldInfo> fields() {
        return snapshot().fields();
    }

    @Override
    public String trackerType() {
        return FreshdeskConnector.TYPE;
    }

    @Override
    public List<Status> statuses() {
        List<Status> out = new ArrayList<>();
        snapshot().statuses().forEach((code, name) -> out.add(new Status(String.valueOf(code), name)));
        return out;
    }

    @Override
    public List<Priority> priorities() {
        List<Priority> out = new ArrayList<>();
        snapshot().priorities().forEach((code, name) -> out.add(new Priority(String.valueOf(code), name)));
        return out;
    }

    @Override
    public List<IssueType> issueTypes() {
        return snapshot().types().stream().map(t -> new IssueType(t, t)).toList();
    }

    @Override
    public List<Label> labels() {
        return List.of();
    }

    @Override
    public Optional<User> userByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        for (User a : snapshot().agents().values()) {
            if (email.equalsIgnoreCase(a.getEmail())) {
                return Optional.of(a);
            }
        }
        JsonNode found = connector.getJson("find contact", "/api/v2/contacts?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
        Iterator<JsonNode> it = found.iterator();
        return it.hasNext() ? Optional.of(contact(it.next())) : Optional.empty();
    }

    @Override
    public Optional<User> userById(String id) {
        if (id == null) {
            return Optional.empty();
        }
        User agent = snapshot().agents().get(id);
        if (agent != null) {
            return Optional.of(agent);
        }
        if (!id.matches("\\d+")) {
            return Optional.empty();
        }
        return contacts.computeIfAbsent(id, k -> {
            try {
                return Optional.of(contact(connector.getJson("read contact " + k, "/api/v2/contacts/" + k)));
            } catch (TrackerException e) {
                if (e.kind() == Kind.NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<User> userByUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        String wanted = username.trim().toLowerCase(Locale.ROOT);
        return snapshot().agents().values().stream()
                .filter(a -> a.getDisplayName() != null && a.getDisplayName().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    private static User contact(JsonNode c) {
        return new User(c.path("id").asText(), Json.text(c, "name"), Json.text(c, "email"), null);
    }
}
