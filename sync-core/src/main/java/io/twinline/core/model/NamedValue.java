package io.twinline.core.model;

import java.util.Objects;

/**
 * Common shape of the tracker's enumerated values ({@link Status}, {@link Priority}, {@link IssueType}):
 * an id as the tracker knows it (may be null when only the name is known) and a display name.
 */
public abstract class NamedValue {
    private String id;
    private String name;

    protected NamedValue() {
    }

    protected NamedValue(String id, String name) {
        this.id = id;
        this.name = name;
    }

    public String getId() {
        return id;
    }

    public void setId(Object id) {
        this.id = id == null ? null : id.toString();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        NamedValue that = (NamedValue) o;
        return Objects.equals(id, that.id) && Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), id, name);
    }

    @Override
    public String toString() {
        return name == null ? String.valueOf(id) : name;
    }
}
