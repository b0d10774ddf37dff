package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.jira.JiraModel.Issue;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What JQL sees of an issue: its values per field name, and which fields and values exist. */
final class IssueIndex {

    private static final Set<String> FIELDS = Set.of("project", "status", "statuscategory", "labels", "updated",
            "created", "resolutiondate", "duedate", "key", "issuekey", "id", "issuetype", "priority", "assignee",
            "reporter", "summary", "description", "text", "resolution", "comment");

    private final JiraStore store;

    IssueIndex(JiraStore store) {
        this.store = store;
    }

    Jql.Subject subject(Issue i) {
        return field -> {
            List<Object> out = new ArrayList<>();
            switch (field) {
                case "project" -> {
                    out.add(i.project.key());
                    out.add(i.project.id());
                    out.add(i.project.name());
                }
                case "status" -> {
                    out.add(i.status.name());
                    out.add(i.status.id());
                }
                case "statuscategory" -> out.add(JiraJson.categoryName(i.status.categoryId()));
                case "labels" -> out.addAll(i.labels);
                case "updated" -> out.add(i.updated);
                case "created" -> out.add(i.created);
                case "resolutiondate" -> addIfNotNull(out, i.resolutionDate);
                case "duedate" -> {
                    if (i.dueDate != null) {
                        out.add(i.dueDate.atStartOfDay().toInstant(ZoneOffset.UTC));
                    }
                }
                case "key", "issuekey" -> out.add(i.key);
                case "id" -> out.add(i.id);
                case "issuetype" -> {
                    out.add(i.issueType.name());
                    out.add(i.issueType.id());
                }
                case "priority" -> {
                    if (i.priority != null) {
                        out.add(i.priority.name());
                        out.add(i.priority.id());
                    }
                }
                case "assignee" -> addIfNotNull(out, i.assignee);
                case "reporter" -> addIfNotNull(out, i.reporter);
                case "summary" -> addIfNotNull(out, i.summary);
                case "description" -> addIfNotNull(out, i.description);
                case "text" -> {
                    addIfNotNull(out, i.summary);
                    addIfNotNull(out, i.description);
                    store.commentsOf(i).forEach(c -> out.add(c.body));
                }
                case "resolution" -> addIfNotNull(out, i.resolution);
                case "comment" -> store.commentsOf(i).forEach(c -> out.add(c.body));
                default -> {
                    if (field.startsWith("issue.property[")) {
                        addIfNotNull(out, propertyValue(i, field));
                        return out;
                    }
                    String id = store.customFieldId(field);
                    JsonNode v = id == null ? null : i.custom.get(id);
                    if (v != null) {
                        out.add(v.isObject() ? Json.text(v, "value") : v.asText());
                    }
                }
            }
            return out;
        };
    }

    /** {@code issue.property[key].a.b}: names compare case-insensitively, as the parser lower-cases fields. */
    private static String propertyValue(Issue i, String field) {
        int close = field.indexOf(']');
        if (close < 0) {
            return null;
        }
        String key = field.substring("issue.property[".length(), close);
        JsonNode v = i.properties.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        String rest = field.substring(close + 1);
        for (String part : rest.split("\\.")) {
            if (part.isEmpty() || v == null) {
                continue;
            }
            JsonNode next = null;
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (n.equalsIgnoreCase(part)) {
                    next = v.get(n);
                }
            }
            v = next;
        }
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static void addIfNotNull(List<Object> out, Object v) {
        if (v != null) {
            out.add(v);
        }
    }

    /** The fields JQL may name and the values it may compare them with (Jira's messages for the rest). */
    Jql.Catalogue catalogue() {
        return new Jql.Catalogue() {
            @Override
            public boolean knowsField(String field) {
                return FIELDS.contains(field) || store.customFieldId(field) != null
                        || field.matches("issue\\.property\\[[^\\]]+\\](\\.[\\w-]+)*");
            }

            @Override
            public String checkValue(String field, String value) {
                if ((field.equals("key") || field.equals("issuekey"))
                        && !value.matches("[A-Za-z][A-Za-z0-9_]*-\\d+") && !value.matches("\\d+")) {
                    return "The issue key '" + value + "' for field 'key' is invalid.";
                }
                boolean exists = switch (field) {
                    case "project" -> store.projects.values().stream().anyMatch(p -> p.key().equalsIgnoreCase(value)
                            || p.id().equals(value) || p.name().equalsIgnoreCase(value));
                    case "status" -> store.statuses.values().stream()
                            .anyMatch(s -> s.name().equalsIgnoreCase(value) || s.id().equals(value));
                    case "issuetype" -> store.issueTypes.stream()
                            .anyMatch(s -> s.name().equalsIgnoreCase(value) || s.id().equals(value));
                    case "priority" -> store.priorities.stream()
                            .anyMatch(s -> s.name().equalsIgnoreCase(value) || s.id().equals(value));
                    default -> true;
                };
                return exists ? null : "The value '" + value + "' does not exist for the field '" + field + "'.";
            }
        };
    }
}
