package io.twinline.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail. {@code code} is a stable machine-readable reason (for example {@code EXPIRED}),
 * {@code errors} names each invalid field (and, for a text such as sync rules, the line and column in it).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid field. {@code line} and {@code column} (1-based) point into the field's text where the field is
     * itself a text with lines, e.g. sync rules that do not compile; otherwise they are left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, Integer line, Integer column) {
        public FieldError(String field, String message) {
            this(field, message, null, null);
        }
    }

    public static Problem of(int status, String title, String detail, String code) {
        return new Problem("about:blank", title, status, detail, code, List.of());
    }
}
