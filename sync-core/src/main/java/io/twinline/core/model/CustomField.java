package io.twinline.core.model;

import java.util.Objects;

/**
 * A custom field: Freshdesk {@code cf_…} entry of {@code custom_fields}, Jira {@code customfield_NNNNN}.
 * {@code type} is the tracker's field type when known (e.g. {@code custom_dropdown}, {@code string}); {@code value}
 * is any JSON-serialisable value.
 */
public final class CustomField {
    private String name;
    private String type;
    private Object value;

    public CustomField() {
    }

    public CustomField(String name, String type, Object value) {
        this.name = name;
        this.type = type;
        this.value = value;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public Object getValue() {
        return value;
    }

    public void setValue(Object value) {
        this.value = value;
    }

    public CustomField copy() {
        return new CustomField(name, type, Values.deepCopy(value));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomField c && Objects.equals(name, c.name) && Objects.equals(type, c.type)
                && Objects.equals(value, c.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }

    @Override
    public String toString() {
        return name + "=" + value;
    }
}
