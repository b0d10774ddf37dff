package io.twinline.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Helpers for the free-form values of custom fields, raw attributes and custom keys. */
public final class Values {
    private Values() {
    }

    /** Copies maps and collections so a copy of a ticket shares no mutable state with the original. */
    public static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> c = new LinkedHashMap<>();
            m.forEach((k, x) -> c.put(k, deepCopy(x)));
            return c;
        }
        if (v instanceof Set<?> s) {
            Set<Object> c = new LinkedHashSet<>();
            s.forEach(x -> c.add(deepCopy(x)));
            return c;
        }
        if (v instanceof Collection<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            l.forEach(x -> c.add(deepCopy(x)));
            return c;
        }
        if (v instanceof Comment c) {
            return c.copy();
        }
        if (v instanceof Attachment a) {
            return a.copy();
        }
        if (v instanceof User u) {
            return u.copy();
        }
        if (v instanceof CustomField f) {
            return f.copy();
        }
        return v;
    }
}
