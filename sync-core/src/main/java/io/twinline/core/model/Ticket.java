package io.twinline.core.model;

import groovy.lang.GroovyObjectSupport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tracker ticket as sync rules see it ({@code entity} / {@code issue}), and the base of the replica.
 *
 * <p>A plain mutable bean. For Groovy it is also an open object: any property name that is not one of the fields
 * below reads and writes the raw {@link #getAttributes() attributes} map, so {@code entity.group_id = 7} hands
 * {@code group_id} to the tracker's API as is. Setters accept the loose values scripts produce (a status name as a
 * String, labels as Strings, timestamps as ISO text, {@code Date} or epoch milliseconds). {@code typeName} reads and
 * writes the type by name, as scripts written for the established products do.
 */
public class Ticket extends GroovyObjectSupport {
    private String key;
    private String id;
    private String summary;
    private String description;
    private Status status;
    private Priority priority;
    private IssueType type;
    private Set<Label> labels = new LinkedHashSet<>();
    private User reporter;
    private User assignee;
    private List<Comment> comments = new ArrayList<>();
    private List<Attachment> attachments = new ArrayList<>();
    private CustomFields customFields = new CustomFields();
    private Instant created;
    private Instant updated;
    private Instant dueDate;
    private String projectKey;
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    public String getKey() {
        return key;
    }

    public void setKey(Object key) {
        this.key = key == null ? null : key.toString();
    }

    public String getId() {
        return id;
    }

    public void setId(Object id) {
        this.id = id == null ? null : id.toString();
    }

    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    public Priority getPriority() {
        return priority;
    }

    public void setPriority(Priority priority) {
        this.priority = priority;
    }

    public IssueType getType() {
        return type;
    }

    public void setType(IssueType type) {
        this.type = type;
    }

    /** Same as {@link #getType()}: Jira scripts say {@code issueType}. */
    public IssueType getIssueType() {
        return type;
    }

    public void setIssueType(IssueType type) {
        this.type = type;
    }

    public Set<Label> getLabels() {
        return labels;
    }

    /** Replaces the labels; Strings become {@link Label}s, nulls are dropped. */
    public void setLabels(Collection<?> labels) {
        Set<Label> set = new LinkedHashSet<>();
        if (labels != null) {
            for (Object o : labels) {
                if (o instanceof Label l) {
                    set.add(l);
                } else if (o != null) {
                    set.add(new Label(o.toString()));
                }
            }
        }
        this.labels = set;
    }

    public User getReporter() {
        return reporter;
    }

    public void setReporter(User reporter) {
        this.reporter = reporter;
    }

    public User getAssignee() {
        return assignee;
    }

    public void setAssignee(User assignee) {
        this.assignee = assignee;
    }

    public List<Comment> getComments() {
        return comments;
    }

    public void setComments(Collection<Comment> comments) {
        this.comments = comments == null ? new ArrayList<>() : new ArrayList<>(comments);
    }

    public List<Attachment> getAttachments() {
        return attachments;
    }

    public void setAttachments(Collection<Attachment> attachments) {
        this.attachments = attachments == null ? new ArrayList<>() : new ArrayList<>(attachments);
    }

    public CustomFields getCustomFields() {
        return customFields;
    }

    public void setCustomFields(Map<String, CustomField> customFields) {
        this.customFields = customFields == null ? new CustomFields() : new CustomFields(customFields);
    }

    public Instant getCreated() {
        return created;
    }

    public void setCreated(Object created) {
        this.created = Timestamps.toInstant(created);
    }

    public Instant getUpdated() {
        return updated;
    }

    public void setUpdated(Object updated) {
        this.updated = Timestamps.toInstant(updated);
    }

    public Instant getDueDate() {
        return dueDate;
    }

    public void setDueDate(Object dueDate) {
        this.dueDate = Timestamps.toInstant(dueDate);
    }

    public String getProjectKey() {
        return projectKey;
    }

    public void setProjectKey(String projectKey) {
        this.projectKey = projectKey;
    }

    /** Raw tracker attributes (and unknown JSON properties): passed to the tracker's API under their own names. */
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    /** Groovy property read: the fields above, else the raw attribute of that name (null when absent). */
    @Override
    public Object getProperty(String name) {
        return switch (name) {
            case "key" -> key;
            case "id" -> id;
            case "summary" -> summary;
            case "description" -> description;
            case "status" -> status;
            case "priority" -> priority;
            case "type", "issueType" -> type;
            case "typeName" -> type == null ? null : type.getName();
            case "labels" -> labels;
            case "reporter" -> reporter;
            case "assignee" -> assignee;
            case "comments" -> comments;
            case "attachments" -> attachments;
            case "customFields" -> customFields;
            case "created" -> created;
            case "updated" -> updated;
            case "dueDate" -> dueDate;
            case "projectKey" -> projectKey;
            case "attributes" -> attributes;
            default -> attributes.get(name);
        };
    }

    /** Groovy property write, with the same loose conversions as the setters; unknown names go to the raw attributes. */
    @Override
    @SuppressWarnings("unchecked")
    public void setProperty(String name, Object value) {
        switch (name) {
            case "key" -> setKey(value);
            case "id" -> setId(value);
            case "summary" -> setSummary(asText(value));
            case "description" -> setDescription(asText(value));
            case "status" -> setStatus(value instanceof String s ? Status.named(s) : (Status) value);
            case "priority" -> setPriority(value instanceof String s ? Priority.named(s) : (Priority) value);
            case "type", "issueType" -> setType(value instanceof String s ? IssueType.named(s) : (IssueType) value);
            case "typeName" -> setType(value == null ? null : IssueType.named(value.toString()));
            case "labels" -> setLabels(value instanceof Collection<?> c ? c : value == null ? null : List.of(value));
            case "reporter" -> setReporter(User.of(value));
            case "assignee" -> setAssignee(User.of(value));
            case "comments" -> setComments((Collection<Comment>) value);
            case "attachments" -> setAttachments((Collection<Attachment>) value);
            case "customFields" -> setCustomFields((Map<String, CustomField>) value);
            case "created" -> setCreated(value);
            case "updated" -> setUpdated(value);
            case "dueDate" -> setDueDate(value);
            case "projectKey" -> setProjectKey(asText(value));
            case "attributes" -> throw new IllegalArgumentException("attributes cannot be replaced; set its entries");
            default -> attributes.put(name, value);
        }
    }

    /** True when {@code name} is a field of this class rather than a raw attribute. */
    public boolean isKnownProperty(String name) {
        return switch (name) {
            case "key", "id", "summary", "description", "status", "priority", "type", "issueType", "typeName", "labels", "reporter",
                    "assignee", "comments", "attachments", "customFields", "created", "updated", "dueDate", "projectKey",
                    "attributes" -> true;
            default -> false;
        };
    }

    private static String asText(Object value) {
        return value == null ? null : value.toString();
    }

    /** Copies every field into {@code target} (deeply: the two share no mutable state). */
    protected void copyInto(Ticket target) {
        target.key = key;
        target.id = id;
        target.summary = summary;
        target.description = description;
        target.status = status == null ? null : status.copy();
        target.priority = priority == null ? null : priority.copy();
        target.type = type == null ? null : type.copy();
        target.labels = new LinkedHashSet<>(labels);
        target.reporter = reporter == null ? null : reporter.copy();
        target.assignee = assignee == null ? null : assignee.copy();
        target.comments = new ArrayList<>(comments.size());
        comments.forEach(c -> target.comments.add(c.copy()));
        target.attachments = new ArrayList<>(attachments.size());
        attachments.forEach(a -> target.attachments.add(a.copy()));
        target.customFields = customFields.copy();
        target.created = created;
        target.updated = updated;
        target.dueDate = dueDate;
        target.projectKey = projectKey;
        target.attributes.clear();
        attributes.forEach((k, v) -> target.attributes.put(k, Values.deepCopy(v)));
    }

    public Ticket copy() {
        Ticket t = new Ticket();
        copyInto(t);
        return t;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (key != null ? key : id) + " " + summary + "]";
    }
}
