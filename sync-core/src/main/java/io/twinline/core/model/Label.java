package io.twinline.core.model;

import java.util.Objects;

/** A Freshdesk tag or a Jira label. Equal by text, so a set of labels holds each text once. */
public final class Label implements Comparable<Label> {
    private final String label;

    public Label(String label) {
        this.label = Objects.requireNonNull(label, "label");
    }

    public static Label of(String label) {
        return new Label(label);
    }

    public String getLabel() {
        return label;
    }

    /** Same as {@link #getLabel()}; some scripts say {@code label.name}. */
    public String getName() {
        return label;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Label other && other.label.equals(label);
    }

    @Override
    public int hashCode() {
        return label.hashCode();
    }

    @Override
    public int compareTo(Label o) {
        return label.compareTo(o.label);
    }

    @Override
    public String toString() {
        return label;
    }
}
