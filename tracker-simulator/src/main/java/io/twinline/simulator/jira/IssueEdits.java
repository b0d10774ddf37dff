package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.jira.JiraModel.CustomField;
import io.twinline.simulator.jira.JiraModel.Issue;
import io.twinline.simulator.jira.JiraModel.NamedId;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static io.twinline.simulator.jira.JiraStore.byNameOrId;

/**
 * The screen rules of an edit: {@code fields} (set) and {@code update} verbs (set/add/remove). Edits are
 * applied to a draft and collect every error, so that an edit with any error changes nothing.
 */
final class IssueEdits {

    private final JiraStore store;

    IssueEdits(JiraStore store) {
        this.store = store;
    }

    /** A draft of the editable fields. */
    static Issue copyOf(Issue i) {
        Issue c = new Issue();
        c.summary = i.summary;
        c.description = i.description;
        c.priority = i.priority;
        c.labels = new ArrayList<>(i.labels);
        c.assignee = i.assignee;
        c.reporter = i.reporter;
        c.dueDate = i.dueDate;
        c.custom = new LinkedHashMap<>(i.custom);
        c.issueType = i.issueType;
        return c;
    }

    /** Writes one field from {@code fields}; collects errors keyed by field id. */
    void setField(Issue i, String field, JsonNode v, Map<String, String> errors) {
        switch (field) {
            case "summary" -> {
                if (!v.isTextual() || v.asText().isBlank()) {
                    errors.put("summary", "Summary is required");
                } else if (v.asText().length() > 255) {
                    errors.put("summary", "Summary must be less than 255 characters.");
                } else {
                    i.summary = v.asText();
                }
            }
            case "description" -> i.description = v.isNull() ? null : v.asText();
            case "priority" -> {
                NamedId pr = v.isNull() ? null : byNameOrId(store.priorities, v);
                if (pr == null) {
                    errors.put("priority", "Priority name '" + (v.isObject() ? Json.text(v, "name") : v.asText()) + "' is not valid");
                } else {
                    i.priority = pr;
                }
            }
            case "labels" -> setLabels(i, v, errors);
            case "assignee", "reporter" -> {
                String name = v.isNull() ? null : Json.text(v, "name");
                if (name != null && !store.users.containsKey(name)) {
                    errors.put(field, "User '" + name + "' does not exist.");
                } else if (field.equals("assignee")) {
                    i.assignee = name;
                } else {
                    i.reporter = name;
                }
            }
            case "duedate" -> {
                if (v.isNull()) {
                    i.dueDate = null;
                } else {
                    try {
                        i.dueDate = LocalDate.parse(v.asText());
                    } catch (RuntimeException e) {
                        errors.put("duedate", "Error parsing date string: " + v.asText());
                    }
                }
            }
            default -> setCustomField(i, field, v, errors);
        }
    }

    private static void setLabels(Issue i, JsonNode v, Map<String, String> errors) {
        if (!v.isArray()) {
            errors.put("labels", "data was not an array");
            return;
        }
        List<String> ls = new ArrayList<>();
        for (JsonNode l : v) {
            String label = l.asText();
            if (label.contains(" ")) {
                errors.put("labels", "The label '" + label + "' contains spaces which is invalid.");
            }
            ls.add(label);
        }
        i.labels = new ArrayList<>(new LinkedHashSet<>(ls));
    }

    private void setCustomField(Issue i, String field, JsonNode v, Map<String, String> errors) {
        CustomField cf = store.customFields.stream().filter(c -> c.id().equals(field)).findFirst().orElse(null);
        if (cf == null) {
            errors.put(field, "Field '" + field + "' cannot be set. It is not on the appropriate screen, or unknown.");
        } else if (v.isNull()) {
            i.custom.remove(field);
        } else if (cf.options() != null) {
            String value = v.isObject() ? Json.text(v, "value") : null;
            if (value == null || !cf.options().contains(value)) {
                errors.put(field, "Option value '" + (value == null ? v.toString() : value) + "' is not valid");
            } else {
                i.custom.put(field, v);
            }
        } else if (!v.isValueNode()) {
            errors.put(field, "Operation value must be a string");
        } else {
            i.custom.put(field, v);
        }
    }

    /** Applies {@code update}: labels add/remove/set, comment add (kept on the draft), set for the rest. */
    void applyUpdate(Issue i, JsonNode update, Map<String, String> errors) {
        update.fields().forEachRemaining(e -> {
            String field = e.getKey();
            if (!e.getValue().isArray()) {
                errors.put(field, "Operations must be an array");
                return;
            }
            for (JsonNode op : e.getValue()) {
                op.fields().forEachRemaining(verb -> applyVerb(i, field, verb.getKey(), verb.getValue(), errors));
            }
        });
    }

    private void applyVerb(Issue i, String field, String name, JsonNode value, Map<String, String> errors) {
        if (field.equals("comment")) {
            if (name.equals("add") && value.hasNonNull("body")) {
                i.pendingComments.add(value.get("body").asText());
            } else {
                errors.put("comment", "Only 'add' with a body is supported for comments here");
            }
        } else if (field.equals("labels")) {
            switch (name) {
                case "add" -> {
                    if (value.asText().contains(" ")) {
                        errors.put("labels", "The label '" + value.asText() + "' contains spaces which is invalid.");
                    } else if (!i.labels.contains(value.asText())) {
                        i.labels.add(value.asText());
                    }
                }
                case "remove" -> i.labels.remove(value.asText());
                case "set" -> setField(i, "labels", value, errors);
                default -> errors.put("labels", "Unsupported operation '" + name + "'");
            }
        } else if (name.equals("set")) {
            if (field.equals("status")) {
                errors.put(field, "Field 'status' cannot be set. It is not on the appropriate screen, or unknown.");
            } else {
                setField(i, field, value, errors);
            }
        } else {
            errors.put(field, "Field '" + field + "' does not support operation '" + name + "'");
        }
    }
}
