package io.twinline.core.model;

/** Workflow status of a ticket (Freshdesk status code ↔ name, Jira status set through a transition). */
public final class Status extends NamedValue {
    public Status() {
    }

    public Status(String id, String name) {
        super(id, name);
    }

    /** A value known only by name: the connector resolves the id. */
    public static Status named(String name) {
        return new Status(null, name);
    }

    public Status copy() {
        return new Status(getId(), getName());
    }
}
