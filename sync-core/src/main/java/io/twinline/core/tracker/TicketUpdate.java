package io.twinline.core.tracker;

import io.twinline.core.model.IssueType;
import io.twinline.core.model.Label;
import io.twinline.core.model.Priority;
import io.twinline.core.model.Status;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fields to change on an existing ticket. Only what is set here is sent; setting a value to null
 * clears it (where the tracker allows). Status changes go through the tracker's own mechanism (Freshdesk
 * status code, Jira transition). Comments and attachments have their own calls.
 */
public final class TicketUpdate {

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Map<String, Object> customFields = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    public static final String SUMMARY = "summary";
    public static final String DESCRIPTION = "description";
    public static final String STATUS = "status";
    public static final String PRIORITY = "priority";
    public static final String TYPE = "type";
    public static final String LABELS = "labels";
    public static final String ASSIGNEE = "assignee";
    public static final String REPORTER = "reporter";
    public static final String DUE_DATE = "dueDate";

    public TicketUpdate summary(String v) {
        fields.put(SUMMARY, v);
        return this;
    }

    public TicketUpdate description(String v) {
        fields.put(DESCRIPTION, v);
        return this;
    }

    /** By id or, when the id is null, by name. */
    public TicketUpdate status(Status v) {
        fields.put(STATUS, v);
        return this;
    }

    public TicketUpdate priority(Priority v) {
        fields.put(PRIORITY, v);
        return this;
    }

    public TicketUpdate type(IssueType v) {
        fields.put(TYPE, v);
        return this;
    }

    /** Replaces the labels / tags. */
    public TicketUpdate labels(Collection<Label> v) {
        fields.put(LABELS, v == null ? Set.of() : new LinkedHashSet<>(v));
        return this;
    }

    public TicketUpdate assignee(User v) {
        fields.put(ASSIGNEE, v);
        return this;
    }

    public TicketUpdate reporter(User v) {
        fields.put(REPORTER, v);
        return this;
    }

    public TicketUpdate dueDate(Instant v) {
        fields.put(DUE_DATE, v);
        return this;
    }

    public TicketUpdate customField(String name, Object value) {
        customFields.put(name, value);
        return this;
    }

    /** A raw tracker attribute, passed under its own name ({@code group_id}, {@code components} …). */
    public TicketUpdate attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String field) {
        return (T) fields.get(field);
    }

    public Map<String, Object> customFields() {
        return Collections.unmodifiableMap(customFields);
    }

    public Map<String, Object> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public boolean isEmpty() {
        return fields.isEmpty() && customFields.isEmpty() && attributes.isEmpty();
    }

    @Override
    public String toString() {
        return "TicketUpdate" + fields.keySet() + (customFields.isEmpty() ? "" : " custom" + customFields.keySet());
    }
}
