package io.twinline.core.replica;

import io.twinline.core.model.Comment;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.Values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracker-neutral message one side sends about one ticket: built by the sender's outgoing rules, read by the
 * receiver's incoming rules. It has every property of a {@link Ticket} plus {@code customKeys} (free values carried
 * as they are) and, on the receiving side, {@code addedComments} / {@code removedComments} computed against the
 * previous replica of the twin (they are not part of the JSON form).
 */
public class Replica extends Ticket {
    private final Map<String, Object> customKeys = new LinkedHashMap<>();
    private List<Comment> addedComments = new ArrayList<>();
    private List<Comment> removedComments = new ArrayList<>();

    /** Any JSON-serialisable values, by any name. */
    public Map<String, Object> getCustomKeys() {
        return customKeys;
    }

    public List<Comment> getAddedComments() {
        return addedComments;
    }

    public List<Comment> getRemovedComments() {
        return removedComments;
    }

    /**
     * Fills {@code addedComments} (comments whose id was not in {@code previous}) and {@code removedComments}
     * (comments of {@code previous} whose id is gone). With no previous replica every comment is added.
     */
    public void computeCommentChanges(Replica previous) {
        List<Comment> prev = previous == null ? List.of() : previous.getComments();
        addedComments = new ArrayList<>();
        removedComments = new ArrayList<>();
        for (Comment c : getComments()) {
            if (c.getId() == null || prev.stream().noneMatch(p -> c.getId().equals(p.getId()))) {
                addedComments.add(c);
            }
        }
        for (Comment p : prev) {
            if (p.getId() != null && getComments().stream().noneMatch(c -> p.getId().equals(c.getId()))) {
                removedComments.add(p);
            }
        }
    }

    @Override
    public Object getProperty(String name) {
        return switch (name) {
            case "customKeys" -> customKeys;
            case "addedComments" -> addedComments;
            case "removedComments" -> removedComments;
            default -> super.getProperty(name);
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public void setProperty(String name, Object value) {
        switch (name) {
            case "customKeys" -> {
                customKeys.clear();
                if (value != null) {
                    customKeys.putAll((Map<String, Object>) value);
                }
            }
            case "addedComments" -> addedComments = value == null ? new ArrayList<>() : new ArrayList<>((Collection<Comment>) value);
            case "removedComments" -> removedComments = value == null ? new ArrayList<>() : new ArrayList<>((Collection<Comment>) value);
            default -> super.setProperty(name, value);
        }
    }

    @Override
    public boolean isKnownProperty(String name) {
        return switch (name) {
            case "customKeys", "addedComments", "removedComments" -> true;
            default -> super.isKnownProperty(name);
        };
    }

    @Override
    public Replica copy() {
        Replica r = new Replica();
        copyInto(r);
        customKeys.forEach((k, v) -> r.customKeys.put(k, Values.deepCopy(v)));
        addedComments.forEach(c -> r.addedComments.add(c.copy()));
        removedComments.forEach(c -> r.removedComments.add(c.copy()));
        return r;
    }

    /** A replica holding a copy of every field of {@code ticket}. */
    public static Replica of(Ticket ticket) {
        Replica r = new Replica();
        Ticket copy = ticket.copy();
        r.setKey(copy.getKey());
        r.setId(copy.getId());
        r.setSummary(copy.getSummary());
        r.setDescription(copy.getDescription());
        r.setStatus(copy.getStatus());
        r.setPriority(copy.getPriority());
        r.setType(copy.getType());
        r.setLabels(copy.getLabels());
        r.setReporter(copy.getReporter());
        r.setAssignee(copy.getAssignee());
        r.setComments(copy.getComments());
        r.setAttachments(copy.getAttachments());
        r.setCustomFields(copy.getCustomFields());
        r.setCreated(copy.getCreated());
        r.setUpdated(copy.getUpdated());
        r.setDueDate(copy.getDueDate());
        r.setProjectKey(copy.getProjectKey());
        r.getAttributes().putAll(copy.getAttributes());
        return r;
    }
}
