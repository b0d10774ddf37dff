package io.twinline.simulator.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.Requests;
import io.twinline.simulator.jira.JiraModel.Attachment;
import io.twinline.simulator.jira.JiraModel.Comment;
import io.twinline.simulator.jira.JiraModel.CustomField;
import io.twinline.simulator.jira.JiraModel.Issue;
import io.twinline.simulator.jira.JiraModel.NamedId;
import io.twinline.simulator.jira.JiraModel.Project;
import io.twinline.simulator.jira.JiraModel.Status;
import io.twinline.simulator.jira.JiraModel.Transition;
import io.twinline.simulator.jira.JiraModel.User;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How Jira renders its records: absolute {@code self} links, ids as strings, user and status objects. */
final class JiraJson {

    private final JiraStore store;

    JiraJson(JiraStore store) {
        this.store = store;
    }

    private String api() {
        return store.baseUrl + "/rest/api/2/";
    }

    ObjectNode issue(Issue i, String fieldSpec) {
        ObjectNode o = Json.object();
        o.put("expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations");
        o.put("id", i.id);
        o.put("self", api() + "issue/" + i.id);
        o.put("key", i.key);
        ObjectNode all = Json.object();
        all.set("issuetype", issueType(i.issueType));
        all.set("project", project(i.project));
        all.put("summary", i.summary);
        all.put("description", i.description);
        all.set("status", status(i.status));
        all.set("priority", i.priority == null ? Json.MAPPER.nullNode() : named(i.priority, "priority"));
        all.set("labels", Json.strings(i.labels));
        all.set("assignee", i.assignee == null ? Json.MAPPER.nullNode() : user(i.assignee));
        all.set("reporter", i.reporter == null ? Json.MAPPER.nullNode() : user(i.reporter));
        all.set("creator", i.creator == null ? Json.MAPPER.nullNode() : user(i.creator));
        NamedId res = i.resolution == null ? null
                : store.resolutions.stream().filter(r -> r.name().equals(i.resolution)).findFirst().orElse(null);
        all.set("resolution", res == null ? Json.MAPPER.nullNode() : named(res, "resolution"));
        all.put("resolutiondate", JiraTime.format(i.resolutionDate));
        all.put("created", JiraTime.format(i.created));
        all.put("updated", JiraTime.format(i.updated));
        all.put("duedate", i.dueDate == null ? null : i.dueDate.toString());
        for (CustomField cf : store.customFields) {
            JsonNode v = i.custom.get(cf.id());
            if (v != null && cf.options() != null) {
                v = option(cf.options().indexOf(Json.text(v, "value")), Json.text(v, "value"));
            }
            all.set(cf.id(), v == null ? Json.MAPPER.nullNode() : v);
        }
        List<Comment> cs = store.commentsOf(i);
        ObjectNode comment = Json.object();
        ArrayNode arr = comment.putArray("comments");
        cs.forEach(c -> arr.add(comment(c)));
        comment.put("maxResults", cs.size()).put("total", cs.size()).put("startAt", 0);
        all.set("comment", comment);
        ArrayNode atts = Json.array();
        store.attachments.values().stream().filter(a -> a.issueId.equals(i.id)).forEach(a -> atts.add(attachment(a)));
        all.set("attachment", atts);
        o.set("fields", selectFields(all, fieldSpec));
        return o;
    }

    /** A select field's option: ids count from 10400 in the options' order. */
    ObjectNode option(int index, String value) {
        ObjectNode opt = Json.object();
        opt.put("self", api() + "customFieldOption/" + (10400 + index));
        opt.put("value", value).put("id", String.valueOf(10400 + index));
        return opt;
    }

    /** Applies a {@code fields} spec: *all, *navigable, names, -name. */
    private static ObjectNode selectFields(ObjectNode all, String spec) {
        Set<String> include = new LinkedHashSet<>();
        Set<String> exclude = new LinkedHashSet<>();
        for (String part : spec.split(",")) {
            String f = part.trim();
            if (f.isEmpty()) {
                continue;
            }
            if (f.equals("*all")) {
                all.fieldNames().forEachRemaining(include::add);
            } else if (f.equals("*navigable")) {
                all.fieldNames().forEachRemaining(n -> {
                    if (!n.equals("comment") && !n.equals("attachment")) {
                        include.add(n);
                    }
                });
            } else if (f.startsWith("-")) {
                exclude.add(f.substring(1));
            } else {
                include.add(f);
            }
        }
        ObjectNode out = Json.object();
        for (String f : include) {
            if (!exclude.contains(f) && all.has(f)) {
                out.set(f, all.get(f));
            }
        }
        return out;
    }

    ObjectNode transition(Transition t, boolean withFields) {
        ObjectNode o = Json.object();
        o.put("id", t.id()).put("name", t.name()).put("opsbarSequence", Integer.parseInt(t.id()) * 10);
        o.set("to", status(store.statuses.get(t.to())));
        o.put("hasScreen", t.resolutionOnScreen()).put("isGlobal", false).put("isInitial", false)
                .put("isAvailable", true).put("isConditional", false).put("isLooped", false);
        if (withFields) {
            ObjectNode fields = o.putObject("fields");
            if (t.resolutionOnScreen()) {
                ObjectNode r = fields.putObject("resolution");
                r.put("required", true);
                r.putObject("schema").put("type", "resolution").put("system", "resolution");
                r.put("name", "Resolution").put("fieldId", "resolution").put("hasDefaultValue", true);
                r.set("operations", Json.strings(List.of("set")));
                ArrayNode allowed = r.putArray("allowedValues");
                store.resolutions.forEach(x -> allowed.add(named(x, "resolution")));
            }
        }
        return o;
    }

    ObjectNode comment(Comment c) {
        ObjectNode o = Json.object();
        o.put("self", api() + "issue/" + c.issueId + "/comment/" + c.id);
        o.put("id", c.id);
        o.set("author", user(c.author));
        o.put("body", c.body);
        o.set("updateAuthor", user(c.updateAuthor));
        o.put("created", JiraTime.format(c.created));
        o.put("updated", JiraTime.format(c.updated));
        if (c.visibility != null) {
            o.set("visibility", c.visibility);
        }
        return o;
    }

    ObjectNode attachment(Attachment a) {
        ObjectNode o = Json.object();
        o.put("self", api() + "attachment/" + a.id);
        o.put("id", a.id);
        o.put("filename", a.filename);
        o.set("author", user(a.author));
        o.put("created", JiraTime.format(a.created));
        o.put("size", a.bytes.length);
        o.put("mimeType", a.mimeType);
        o.put("content", store.baseUrl + "/secure/attachment/" + a.id + "/" + Requests.pathSegment(a.filename));
        if (a.mimeType.startsWith("image/")) {
            o.put("thumbnail", store.baseUrl + "/secure/thumbnail/" + a.id + "/_thumb_" + a.id + ".png");
        }
        return o;
    }

    ObjectNode user(String name) {
        User u = store.users.get(name);
        ObjectNode o = Json.object();
        o.put("self", api() + "user?username=" + name);
        o.put("name", name);
        o.put("key", name);
        o.put("emailAddress", u == null ? null : u.email());
        ObjectNode av = o.putObject("avatarUrls");
        av.put("48x48", store.baseUrl + "/secure/useravatar?avatarId=10122");
        av.put("24x24", store.baseUrl + "/secure/useravatar?size=small&avatarId=10122");
        av.put("16x16", store.baseUrl + "/secure/useravatar?size=xsmall&avatarId=10122");
        av.put("32x32", store.baseUrl + "/secure/useravatar?size=medium&avatarId=10122");
        o.put("displayName", u == null ? name : u.displayName());
        o.put("active", u != null);
        o.put("timeZone", "UTC");
        return o;
    }

    static String categoryName(int id) {
        return switch (id) {
            case 2 -> "To Do";
            case 4 -> "In Progress";
            default -> "Done";
        };
    }

    ObjectNode status(Status s) {
        ObjectNode o = Json.object();
        o.put("self", api() + "status/" + s.id());
        o.put("description", "");
        o.put("iconUrl", store.baseUrl + "/images/icons/statuses/generic.png");
        o.put("name", s.name());
        o.put("id", s.id());
        ObjectNode cat = o.putObject("statusCategory");
        cat.put("self", api() + "statuscategory/" + s.categoryId());
        cat.put("id", s.categoryId());
        cat.put("key", switch (s.categoryId()) {
            case 2 -> "new";
            case 4 -> "indeterminate";
            default -> "done";
        });
        cat.put("colorName", switch (s.categoryId()) {
            case 2 -> "blue-gray";
            case 4 -> "yellow";
            default -> "green";
        });
        cat.put("name", categoryName(s.categoryId()));
        return o;
    }

    ObjectNode named(NamedId n, String resource) {
        ObjectNode o = Json.object();
        o.put("self", api() + resource + "/" + n.id());
        if (resource.equals("priority")) {
            o.put("iconUrl", store.baseUrl + "/images/icons/priorities/" + n.name().toLowerCase(Locale.ROOT) + ".svg");
        } else {
            o.put("description", n.name());
        }
        o.put("name", n.name());
        o.put("id", n.id());
        return o;
    }

    ArrayNode namedList(List<NamedId> list, String resource) {
        ArrayNode a = Json.array();
        list.forEach(n -> a.add(named(n, resource)));
        return a;
    }

    ObjectNode issueType(NamedId t) {
        ObjectNode o = Json.object();
        o.put("self", api() + "issuetype/" + t.id());
        o.put("id", t.id()).put("description", t.name()).put("iconUrl", store.baseUrl + "/images/icons/issuetypes/generic.png")
                .put("name", t.name()).put("subtask", false);
        return o;
    }

    ObjectNode project(Project p) {
        ObjectNode o = Json.object();
        o.put("self", api() + "project/" + p.id());
        o.put("id", p.id()).put("key", p.key()).put("name", p.name()).put("projectTypeKey", "software");
        return o;
    }
}
