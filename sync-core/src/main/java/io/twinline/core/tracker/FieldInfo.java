package io.twinline.core.tracker;

import java.util.List;

/**
 * One field of the tracker's catalogue: Freshdesk ticket field, Jira field.
 *
 * @param id      what the API calls it ({@code cf_order}, {@code customfield_10200}, {@code summary})
 * @param name    the label people see
 * @param type    the tracker's type name ({@code custom_dropdown}, {@code string}, {@code option} …)
 * @param custom  true for custom fields
 * @param options allowed values for choice fields, else empty
 */
public record FieldInfo(String id, String name, String type, boolean custom, List<String> options) {
    public FieldInfo {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
