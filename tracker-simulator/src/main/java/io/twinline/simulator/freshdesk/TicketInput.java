package io.twinline.simulator.freshdesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinline.simulator.Json;
import io.twinline.simulator.SimApi.ApiError;
import io.twinline.simulator.SimApi.FieldError;
import io.twinline.simulator.freshdesk.FreshdeskModel.Contact;
import io.twinline.simulator.freshdesk.FreshdeskModel.CustomFieldDef;
import io.twinline.simulator.freshdesk.FreshdeskModel.Ticket;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.twinline.simulator.freshdesk.FreshdeskInput.longOrNull;
import static io.twinline.simulator.freshdesk.FreshdeskInput.textList;
import static io.twinline.simulator.freshdesk.FreshdeskInput.typeName;

/** The fields a ticket create or update may carry: every error at once (Freshdesk lists them all), then the change. */
final class TicketInput {

    private static final Set<String> FIELDS = Set.of("subject", "description", "status", "priority", "source",
            "type", "requester_id", "responder_id", "group_id", "company_id", "product_id", "email_config_id",
            "email", "name", "phone", "facebook_id", "twitter_id", "unique_external_id", "cc_emails", "tags",
            "custom_fields", "due_by", "fr_due_by", "parent_id");
    static final List<String> TYPES = List.of("Question", "Incident", "Problem", "Feature Request", "Refund");

    private final FreshdeskStore store;

    TicketInput(FreshdeskStore store) {
        this.store = store;
    }

    /** Throws a 400 listing every invalid field; changes nothing. */
    void validate(ObjectNode in, boolean create) {
        List<FieldError> errors = new ArrayList<>();
        in.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                errors.add(new FieldError(f, "Unexpected/invalid field in request", "invalid_field"));
            }
        });
        if (create && Stream.of("requester_id", "email", "facebook_id", "phone", "twitter_id", "unique_external_id")
                .noneMatch(f -> in.hasNonNull(f))) {
            errors.add(new FieldError("requester_id",
                    "Please fill at least 1 of email, mobile, phone, twitter_id, fb_profile_id, unique_external_id, requester_id fields",
                    "missing_field"));
        }
        checkInt(in, "status", store.statuses.keySet(), errors);
        checkInt(in, "priority", Set.of(1, 2, 3, 4), errors);
        checkInt(in, "source", Set.of(1, 2, 3, 7, 9, 10), errors);
        for (String f : List.of("subject", "description", "type", "email", "name", "phone")) {
            if (in.has(f) && !in.get(f).isNull() && !in.get(f).isTextual()) {
                errors.add(new FieldError(f, "Value set is of type " + typeName(in.get(f)) + ".It should be a/an String", "datatype_mismatch"));
            }
        }
        if (in.hasNonNull("type") && in.get("type").isTextual() && !TYPES.contains(in.get("type").asText())) {
            errors.add(new FieldError("type", "It should be one of these values: 'Question,Incident,Problem,Feature Request,Refund'", "invalid_value"));
        }
        for (String f : List.of("requester_id", "responder_id", "group_id", "company_id", "product_id", "parent_id")) {
            if (in.has(f) && !in.get(f).isNull() && !in.get(f).canConvertToLong()) {
                errors.add(new FieldError(f, "Value set is of type " + typeName(in.get(f)) + ".It should be a/an Positive Integer", "datatype_mismatch"));
            }
        }
        checkKnown(in, "requester_id", store.contacts.keySet(), "There is no contact matching the given requester_id", errors);
        checkKnown(in, "responder_id", store.agents.keySet(), "There is no agent matching the given responder_id", errors);
        checkKnown(in, "group_id", store.groups.keySet(), "There is no group matching the given group_id", errors);
        for (String f : List.of("tags", "cc_emails")) {
            if (in.has(f)) {
                JsonNode v = in.get(f);
                if (!v.isArray()) {
                    errors.add(new FieldError(f, "Value set is of type " + typeName(v) + ".It should be a/an Array", "datatype_mismatch"));
                } else {
                    v.forEach(e -> {
                        if (!e.isTextual()) {
                            errors.add(new FieldError(f, "It should contain elements of type String only", "datatype_mismatch"));
                        }
                    });
                }
            }
        }
        for (String f : List.of("due_by", "fr_due_by")) {
            if (in.hasNonNull(f) && FreshdeskTime.parse(in.get(f).asText()) == null) {
                errors.add(new FieldError(f, "It should be in the 'YYYY-MM-DDTHH:MM:SSZ' format", "invalid_date"));
            }
        }
        if (in.has("custom_fields")) {
            checkCustomFields(in.get("custom_fields"), errors);
        }
        if (!errors.isEmpty()) {
            throw new ApiError(400, "Validation failed", errors);
        }
    }

    private void checkCustomFields(JsonNode cf, List<FieldError> errors) {
        if (!cf.isObject()) {
            errors.add(new FieldError("custom_fields", "Value set is of type " + typeName(cf) + ".It should be a/an key/value pair", "datatype_mismatch"));
            return;
        }
        cf.fieldNames().forEachRemaining(name -> {
            CustomFieldDef def = store.customFieldDefs.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
            JsonNode v = cf.get(name);
            if (def == null) {
                errors.add(new FieldError(name, "Unexpected/invalid field in request", "invalid_field"));
            } else if (!v.isNull() && def.choices() != null && !def.choices().contains(v.asText())) {
                errors.add(new FieldError(name, "It should be one of these values: '" + String.join(",", def.choices()) + "'", "invalid_value"));
            } else if (!v.isNull() && !v.isValueNode()) {
                errors.add(new FieldError(name, "Value set is of type " + typeName(v) + ".It should be a/an String", "datatype_mismatch"));
            }
        });
    }

    private static void checkKnown(ObjectNode in, String field, Set<Long> known, String message, List<FieldError> errors) {
        if (in.hasNonNull(field) && in.get(field).canConvertToLong() && !known.contains(in.get(field).asLong())) {
            errors.add(new FieldError(field, message, "invalid_value"));
        }
    }

    private static void checkInt(ObjectNode in, String field, Set<Integer> allowed, List<FieldError> errors) {
        if (!in.has(field)) {
            return;
        }
        JsonNode v = in.get(field);
        if (!v.isIntegralNumber()) {
            errors.add(new FieldError(field, "Value set is of type " + typeName(v) + ".It should be a/an Positive Integer", "datatype_mismatch"));
        } else if (!allowed.contains(v.asInt())) {
            errors.add(new FieldError(field, "It should be one of these values: '"
                    + allowed.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")) + "'", "invalid_value"));
        }
    }

    /** Writes validated input onto the ticket; a new e-mail or phone requester becomes a contact. */
    void apply(Ticket t, ObjectNode in) {
        if (in.has("subject")) t.subject = Json.text(in, "subject");
        if (in.has("description")) t.description = Json.text(in, "description");
        if (in.has("status")) t.status = in.get("status").asInt();
        if (in.has("priority")) t.priority = in.get("priority").asInt();
        if (in.has("source")) t.source = in.get("source").asInt();
        if (in.has("type")) t.type = Json.text(in, "type");
        if (in.has("responder_id")) t.responderId = longOrNull(in.get("responder_id"));
        if (in.has("group_id")) t.groupId = longOrNull(in.get("group_id"));
        if (in.has("company_id")) t.companyId = longOrNull(in.get("company_id"));
        if (in.has("product_id")) t.productId = longOrNull(in.get("product_id"));
        if (in.has("parent_id")) t.parentId = longOrNull(in.get("parent_id"));
        if (in.has("due_by")) t.dueBy = in.get("due_by").isNull() ? null : FreshdeskTime.parse(in.get("due_by").asText());
        if (in.has("fr_due_by")) t.frDueBy = in.get("fr_due_by").isNull() ? null : FreshdeskTime.parse(in.get("fr_due_by").asText());
        if (in.has("tags")) {
            t.tags = new ArrayList<>(new LinkedHashSet<>(textList(in.get("tags"))));
        }
        if (in.has("cc_emails")) t.ccEmails = textList(in.get("cc_emails"));
        if (in.has("custom_fields")) {
            in.get("custom_fields").fields().forEachRemaining(e -> t.customFields.put(e.getKey(), e.getValue()));
        }
        if (in.hasNonNull("requester_id")) {
            t.requesterId = in.get("requester_id").asLong();
        } else if (in.hasNonNull("email")) {
            String email = in.get("email").asText();
            Contact c = store.contactByEmail(email)
                    .orElseGet(() -> store.addContact(in.hasNonNull("name") ? in.get("name").asText() : email, email, store.now()));
            t.requesterId = c.id();
        } else if (t.requesterId == null) {
            // phone / social identifiers also create a contact on the real service
            t.requesterId = store.addContact(in.hasNonNull("name") ? in.get("name").asText() : "Unknown requester",
                    store.unknownRequesterEmail(), store.now()).id();
        }
    }
}
