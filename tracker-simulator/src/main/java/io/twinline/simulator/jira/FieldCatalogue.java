package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.jira.JiraModel.CustomField;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The fields Jira knows ({@code /field}, {@code expand=names}) and which of them a create or edit screen shows. */
final class FieldCatalogue {

    private static final String[][] SYSTEM = {
            {"summary", "Summary", "string"}, {"description", "Description", "string"},
            {"status", "Status", "status"}, {"priority", "Priority", "priority"},
            {"labels", "Labels", "array"}, {"assignee", "Assignee", "user"}, {"reporter", "Reporter", "user"},
            {"creator", "Creator", "user"}, {"issuetype", "Issue Type", "issuetype"}, {"project", "Project", "project"},
            {"created", "Created", "datetime"}, {"updated", "Updated", "datetime"}, {"duedate", "Due Date", "date"},
            {"resolution", "Resolution", "resolution"}, {"resolutiondate", "Resolved", "datetime"},
            {"comment", "Comment", "comments-page"}, {"attachment", "Attachment", "array"},
            {"issuekey", "Key", null}};
    private static final Set<String> NOT_ON_SCREENS = Set.of("status", "created", "updated", "creator", "resolution",
            "resolutiondate", "comment", "attachment", "issuekey");

    private final JiraStore store;
    private final JiraJson json;

    FieldCatalogue(JiraStore store, JiraJson json) {
        this.store = store;
        this.json = json;
    }

    /** Every field, system ones first; custom select fields carry {@code allowedValues}. */
    List<ObjectNode> all() {
        List<ObjectNode> out = new ArrayList<>();
        for (String[] f : SYSTEM) {
            ObjectNode o = Json.object();
            o.put("id", f[0]).put("name", f[1]).put("custom", false).put("orderable", true)
                    .put("navigable", !f[0].equals("comment") && !f[0].equals("attachment")).put("searchable", true);
            o.set("clauseNames", Json.strings(List.of(f[0])));
            if (f[2] != null) {
                ObjectNode schema = o.putObject("schema");
                schema.put("type", f[2]).put("system", f[0]);
                if (f[2].equals("array")) {
                    schema.put("items", f[0].equals("labels") ? "string" : "attachment");
                }
            }
            out.add(o);
        }
        for (CustomField cf : store.customFields) {
            ObjectNode o = Json.object();
            String num = cf.id().substring("customfield_".length());
            o.put("id", cf.id()).put("name", cf.name()).put("custom", true).put("orderable", true)
                    .put("navigable", true).put("searchable", true);
            o.set("clauseNames", Json.strings(List.of("cf[" + num + "]", cf.name())));
            ObjectNode schema = o.putObject("schema");
            schema.put("type", cf.type())
                    .put("custom", cf.options() != null ? "com.atlassian.jira.plugin.system.customfieldtypes:select"
                            : "com.atlassian.jira.plugin.system.customfieldtypes:textfield")
                    .put("customId", Long.parseLong(num));
            if (cf.options() != null) {
                o.set("allowedValues", Json.strings(cf.options()));
            }
            out.add(o);
        }
        return out;
    }

    /** The fields of the create screen ({@code create}) or the edit screen, as createmeta/editmeta list them. */
    ObjectNode screen(boolean create) {
        ObjectNode fields = Json.object();
        for (ObjectNode f : all()) {
            String id = f.get("id").asText();
            if (NOT_ON_SCREENS.contains(id) || (!create && id.equals("project"))) {
                continue;
            }
            ObjectNode m = fields.putObject(id);
            m.put("required", Set.of("summary", "issuetype", "project").contains(id));
            m.set("schema", f.get("schema"));
            m.put("name", f.get("name").asText()).put("fieldId", id).put("hasDefaultValue", id.equals("priority"));
            m.set("operations", Json.strings(id.equals("labels") ? List.of("add", "set", "remove") : List.of("set")));
            if (id.equals("priority")) {
                m.set("allowedValues", json.namedList(store.priorities, "priority"));
            } else if (f.has("allowedValues")) {
                ArrayNode av = m.putArray("allowedValues");
                CustomField cf = store.customFields.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
                for (int k = 0; k < cf.options().size(); k++) {
                    av.add(json.option(k, cf.options().get(k)));
                }
            }
        }
        return fields;
    }
}
