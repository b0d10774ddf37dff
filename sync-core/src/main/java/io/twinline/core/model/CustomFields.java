package io.twinline.core.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Custom fields by name. Reading a name that is not there gives a new, empty field that is added to the map, so
 * {@code entity.customFields."cf_order".value = 42} works on a ticket that had no such field yet (as in the
 * established products' scripts). Fields whose value is null are not written to JSON.
 */
public final class CustomFields extends LinkedHashMap<String, CustomField> {
    public CustomFields() {
    }

    public CustomFields(Map<String, CustomField> fields) {
        putAll(fields);
    }

    @Override
    public CustomField get(Object key) {
        CustomField field = super.get(key);
        if (field == null && key != null) {
            field = new CustomField(key.toString(), null, null);
            super.put(key.toString(), field);
        }
        return field;
    }

    /** Lookup without creating: null when absent. */
    public CustomField find(String name) {
        return super.get(name);
    }

    /** The value of the field, or null; never adds a field. */
    public Object valueOf(String name) {
        CustomField f = super.get(name);
        return f == null ? null : f.getValue();
    }

    public CustomFields copy() {
        CustomFields c = new CustomFields();
        forEach((k, v) -> c.put(k, v == null ? null : v.copy()));
        return c;
    }
}
