package io.twinline.core.model;

/** Priority of a ticket (Freshdesk 1–4 ↔ Low…Urgent, Jira priority). */
public final class Priority extends NamedValue {
    public Priority() {
    }

    public Priority(String id, String name) {
        super(id, name);
    }

    /** A value known only by name: the connector resolves the id. */
    public static Priority named(String name) {
        return new Priority(null, name);
    }

    public Priority copy() {
        return new Priority(getId(), getName());
    }
}
