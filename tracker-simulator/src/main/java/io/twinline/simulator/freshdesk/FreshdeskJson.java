package io.twinline.simulator.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.Requests;
import io.twinline.simulator.freshdesk.FreshdeskModel.Agent;
import io.twinline.simulator.freshdesk.FreshdeskModel.Attachment;
import io.twinline.simulator.freshdesk.FreshdeskModel.Contact;
import io.twinline.simulator.freshdesk.FreshdeskModel.Conversation;
import io.twinline.simulator.freshdesk.FreshdeskModel.CustomFieldDef;
import io.twinline.simulator.freshdesk.FreshdeskModel.Ticket;

import java.util.List;

/** How Freshdesk renders its records: every key present, blanks as {@code null}, ids as numbers. */
final class FreshdeskJson {

    private final FreshdeskStore store;

    FreshdeskJson(FreshdeskStore store) {
        this.store = store;
    }

    ObjectNode ticket(Ticket t, boolean withDescription) {
        ObjectNode o = Json.object();
        o.set("cc_emails", Json.strings(t.ccEmails));
        o.set("fwd_emails", Json.array());
        o.set("reply_cc_emails", Json.strings(t.ccEmails));
        o.set("ticket_cc_emails", Json.strings(t.ccEmails));
        o.put("fr_escalated", false);
        o.put("spam", t.spam);
        o.putNull("email_config_id");
        putLong(o, "group_id", t.groupId);
        o.put("priority", t.priority);
        putLong(o, "requester_id", t.requesterId);
        putLong(o, "responder_id", t.responderId);
        o.put("source", t.source);
        putLong(o, "company_id", t.companyId);
        o.put("status", t.status);
        o.put("subject", t.subject);
        o.putNull("association_type");
        o.putNull("support_email");
        o.putNull("to_emails");
        putLong(o, "product_id", t.productId);
        o.put("id", t.id);
        o.put("type", t.type);
        o.put("due_by", FreshdeskTime.format(t.dueBy));
        o.put("fr_due_by", FreshdeskTime.format(t.frDueBy));
        o.put("is_escalated", false);
        if (withDescription) {
            o.put("description", t.description);
            o.put("description_text", stripHtml(t.description));
        }
        ObjectNode cf = o.putObject("custom_fields");
        for (CustomFieldDef d : store.customFieldDefs) {
            JsonNode v = t.customFields.get(d.name());
            cf.set(d.name(), v == null ? Json.MAPPER.nullNode() : v);
        }
        o.put("created_at", FreshdeskTime.format(t.createdAt));
        o.put("updated_at", FreshdeskTime.format(t.updatedAt));
        o.set("tags", Json.strings(t.tags));
        ArrayNode atts = o.putArray("attachments");
        t.attachmentIds.forEach(id -> atts.add(attachment(store.attachments.get(id))));
        o.put("deleted", t.deleted);
        o.put("nr_escalated", false);
        o.putNull("nr_due_by");
        return o;
    }

    /** The {@code include=requester,stats} parts of a ticket. */
    void addIncludes(ObjectNode o, Ticket t, List<String> includes) {
        if (includes.contains("requester")) {
            Contact c = t.requesterId == null ? null : store.contacts.get(t.requesterId);
            if (c == null) {
                o.putNull("requester");
            } else {
                o.putObject("requester").put("id", c.id()).put("name", c.name()).put("email", c.email())
                        .putNull("phone").putNull("mobile");
            }
        }
        if (includes.contains("stats")) {
            ObjectNode s = o.putObject("stats");
            s.putNull("agent_responded_at").putNull("requester_responded_at").putNull("first_responded_at");
            s.put("status_updated_at", FreshdeskTime.format(t.updatedAt)).putNull("reopened_at");
            s.put("resolved_at", t.status == 4 ? FreshdeskTime.format(t.updatedAt) : null);
            s.put("closed_at", t.status == 5 ? FreshdeskTime.format(t.updatedAt) : null);
            s.putNull("pending_since");
        }
    }

    ObjectNode conversation(Conversation c) {
        ObjectNode o = Json.object();
        o.put("body", c.body);
        o.put("body_text", stripHtml(c.body));
        o.put("id", c.id);
        o.put("incoming", c.incoming);
        o.put("private", c.isPrivate);
        o.put("user_id", c.userId);
        o.putNull("support_email");
        o.put("source", c.source);
        o.putNull("category");
        o.put("ticket_id", c.ticketId);
        o.set("to_emails", Json.strings(c.notifyEmails));
        Agent a = store.agents.get(c.userId);
        o.put("from_email", a == null ? null : a.email());
        o.set("cc_emails", Json.array());
        o.set("bcc_emails", Json.array());
        o.put("created_at", FreshdeskTime.format(c.createdAt));
        o.put("updated_at", FreshdeskTime.format(c.updatedAt));
        ArrayNode atts = o.putArray("attachments");
        c.attachmentIds.forEach(id -> atts.add(attachment(store.attachments.get(id))));
        o.put("last_edited_at", FreshdeskTime.format(c.lastEditedAt));
        putLong(o, "last_edited_user_id", c.lastEditedUserId);
        return o;
    }

    ObjectNode attachment(Attachment a) {
        ObjectNode o = Json.object();
        o.put("id", a.id);
        o.put("content_type", a.contentType);
        o.put("size", a.bytes.length);
        o.put("name", a.name);
        o.put("attachment_url", store.publicBaseUrl + "/_cdn/freshdesk/" + a.token + "/" + Requests.pathSegment(a.name));
        o.put("created_at", FreshdeskTime.format(a.createdAt));
        o.put("updated_at", FreshdeskTime.format(a.createdAt));
        return o;
    }

    ObjectNode agent(Agent a) {
        ObjectNode o = Json.object();
        o.put("available", true).put("occasional", false).put("id", a.id()).put("ticket_scope", 1)
                .put("signature", (String) null).putNull("group_ids");
        o.set("group_ids", Json.MAPPER.valueToTree(a.groupIds()));
        o.set("role_ids", Json.MAPPER.valueToTree(List.of(1)));
        o.put("type", "support_agent");
        o.put("created_at", "2024-01-01T00:00:00Z").put("updated_at", "2024-01-01T00:00:00Z");
        o.putObject("contact").put("active", true).put("email", a.email()).put("name", a.name())
                .putNull("job_title").put("language", "en").putNull("mobile").putNull("phone")
                .put("time_zone", "UTC");
        return o;
    }

    ObjectNode contact(Contact c) {
        ObjectNode o = Json.object();
        o.put("active", true).putNull("address").putNull("company_id").putNull("description")
                .put("email", c.email()).put("id", c.id()).putNull("job_title").put("language", "en")
                .putNull("mobile").put("name", c.name()).putNull("phone").put("time_zone", "UTC")
                .put("created_at", FreshdeskTime.format(c.createdAt()))
                .put("updated_at", FreshdeskTime.format(c.createdAt()));
        o.set("other_emails", Json.array());
        o.set("tags", Json.array());
        o.putObject("custom_fields");
        return o;
    }

    /** One entry of {@code ticket_fields}. */
    static ObjectNode field(long id, String name, String label, String type, int position, List<String> choices) {
        ObjectNode o = Json.object();
        o.put("id", id).put("name", name).put("label", label).put("description", label)
                .put("position", position).put("required_for_closure", false).put("required_for_agents", false)
                .put("type", type).put("default", type.startsWith("default_"))
                .put("customers_can_edit", false).put("label_for_customers", label)
                .put("required_for_customers", false).put("displayed_to_customers", false)
                .put("created_at", "2024-01-01T00:00:00Z").put("updated_at", "2024-01-01T00:00:00Z");
        if (choices != null) {
            o.set("choices", Json.strings(choices));
        }
        return o;
    }

    private static void putLong(ObjectNode o, String name, Long v) {
        if (v == null) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    /** {@code description_text} and {@code body_text}: the HTML without its tags. */
    static String stripHtml(String html) {
        if (html == null) {
            return null;
        }
        return html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("<[^>]*>", "")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").trim();
    }
}
