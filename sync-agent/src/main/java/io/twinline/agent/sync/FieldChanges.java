package io.twinline.agent.sync;

import io.twinline.core.model.CustomField;
import io.twinline.core.model.Label;
import io.twinline.core.model.NamedValue;
import io.twinline.core.model.Ticket;
import io.twinline.core.model.User;
import io.twinline.core.tracker.TicketUpdate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the incoming rules changed on an existing ticket, compared with what the ticket has: every field the rules
 * can set (summary, description, status, priority, type, labels, assignee, reporter, due date, custom fields and raw
 * attributes), so only the differences are written, in one update the connector sends in as few calls as its API
 * allows. Values are compared the way the tracker stores them: enumerations by name, users by any identity both
 * sides know, a Jira due date by its day, option values by their text, numbers by value.
 */
final class FieldChanges {

    private final boolean dueDateByDay;

    /** {@code dueDateByDay}: the tracker keeps a due date as a day (Jira), not an instant (Freshdesk). */
    FieldChanges(boolean dueDateByDay) {
        this.dueDateByDay = dueDateByDay;
    }

    static FieldChanges forTracker(String trackerType) {
        return new FieldChanges("jira".equalsIgnoreCase(trackerType));
    }

    TicketUpdate between(Ticket before, Ticket wanted) {
        TicketUpdate update = new TicketUpdate();
        if (!Objects.equals(before.getSummary(), wanted.getSummary())) {
            update.summary(wanted.getSummary());
        }
        if (!Objects.equals(before.getDescription(), wanted.getDescription())) {
            update.description(wanted.getDescription());
        }
        if (wanted.getStatus() != null && !sameName(before.getStatus(), wanted.getStatus())) {
            update.status(wanted.getStatus());
        }
        if (wanted.getPriority() != null && !sameName(before.getPriority(), wanted.getPriority())) {
            update.priority(wanted.getPriority());
        }
        if (wanted.getType() != null && !sameName(before.getType(), wanted.getType())) {
            update.type(wanted.getType());
        }
        if (!labels(before).equals(labels(wanted))) {
            update.labels(wanted.getLabels());
        }
        if (!sameUser(before.getAssignee(), wanted.getAssignee())) {
            update.assignee(wanted.getAssignee());
        }
        if (wanted.getReporter() != null && !sameUser(before.getReporter(), wanted.getReporter())) {
            update.reporter(wanted.getReporter()); // a ticket always has a reporter: it is changed, never cleared
        }
        if (!sameDueDate(before.getDueDate(), wanted.getDueDate())) {
            update.dueDate(wanted.getDueDate());
        }
        for (Map.Entry<String, CustomField> field : wanted.getCustomFields().entrySet()) {
            Object value = field.getValue() == null ? null : field.getValue().getValue();
            if (!sameValue(before.getCustomFields().valueOf(field.getKey()), value)) {
                update.customField(field.getKey(), value);
            }
        }
        for (Map.Entry<String, Object> attribute : wanted.getAttributes().entrySet()) {
            if (!sameValue(before.getAttributes().get(attribute.getKey()), attribute.getValue())) {
                update.attribute(attribute.getKey(), attribute.getValue());
            }
        }
        return update;
    }

    private boolean sameDueDate(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == b;
        }
        return dueDateByDay ? a.atZone(ZoneOffset.UTC).toLocalDate().equals(b.atZone(ZoneOffset.UTC).toLocalDate()) : a.equals(b);
    }

    private static boolean sameName(NamedValue a, NamedValue b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (b.getName() == null && b.getId() != null) {
            return b.getId().equals(a.getId());
        }
        return b.getName() != null && b.getName().equalsIgnoreCase(a.getName());
    }

    /** The same person when any identity both carry agrees (the rules often name a user by e-mail alone). */
    static boolean sameUser(User a, User b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.getKey() != null && b.getKey() != null && a.getKey().equals(b.getKey())) {
            return true;
        }
        if (a.getEmail() != null && b.getEmail() != null && a.getEmail().equalsIgnoreCase(b.getEmail())) {
            return true;
        }
        if (a.getUsername() != null && b.getUsername() != null && a.getUsername().equals(b.getUsername())) {
            return true;
        }
        return a.equals(b);
    }

    /** Custom field and attribute values: an option as its text, numbers by value, lists element by element. */
    static boolean sameValue(Object a, Object b) {
        Object x = plain(a);
        Object y = plain(b);
        if (x == null || y == null) {
            return x == y;
        }
        if (x instanceof Number n && y instanceof Number m) {
            return new BigDecimal(n.toString()).compareTo(new BigDecimal(m.toString())) == 0;
        }
        if (x instanceof Collection<?> c && y instanceof Collection<?> d) {
            if (c.size() != d.size()) {
                return false;
            }
            var i = d.iterator();
            return c.stream().allMatch(e -> sameValue(e, i.next()));
        }
        if (x instanceof Number || y instanceof Number) {
            return x.toString().equals(y.toString());
        }
        return x.equals(y);
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map && map.containsKey("value") && map.size() <= 3) {
            return plain(map.get("value")); // a Jira option {id, value[, self]}
        }
        return value;
    }

    private static Set<String> labels(Ticket t) {
        return t.getLabels().stream().map(Label::getLabel).collect(Collectors.toSet());
    }
}
