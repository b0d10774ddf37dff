package io.twinline.core.model;

/** Ticket type (Freshdesk ticket type, Jira issue type). */
public final class IssueType extends NamedValue {
    public IssueType() {
    }

    public IssueType(String id, String name) {
        super(id, name);
    }

    /** A value known only by name: the connector resolves the id. */
    public static IssueType named(String name) {
        return new IssueType(null, name);
    }

    public IssueType copy() {
        return new IssueType(getId(), getName());
    }
}
