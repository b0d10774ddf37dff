package io.twinline.core.tracker;

import java.util.Map;

/**
 * A tracker call that failed for good (retries spent, or a failure retrying cannot fix). The message says
 * which tracker, which operation, what the tracker answered and what to do; it never contains credentials.
 */
public class TrackerException extends RuntimeException {

    /** What kind of failure, so callers can decide (park the twin, alert the operator, back off). */
    public enum Kind {
        /** Credentials refused (401, 403 without lock-out). */
        AUTHENTICATION,
        /** Jira's CAPTCHA lock-out: an administrator must reset the failed-login count; never retried. */
        LOCKED_OUT,
        /** Authenticated but not allowed. */
        FORBIDDEN,
        NOT_FOUND,
        /** The tracker refused the input (400, 409, 413 …); see {@link #fieldErrors()}. */
        VALIDATION,
        /** 429 answers outlasted the retries. */
        RATE_LIMITED,
        /** 5xx answers or network failures/timeouts outlasted the retries. */
        UNAVAILABLE,
        /** The tracker answered something the connector cannot read. */
        BAD_RESPONSE,
        /** Anything else (a state the connector cannot resolve, e.g. no transition to a status). */
        CONFLICT
    }

    private final String tracker;
    private final Kind kind;
    private final int httpStatus;
    private final Map<String, String> fieldErrors;

    public TrackerException(String tracker, Kind kind, int httpStatus, String message, Map<String, String> fieldErrors,
                            Throwable cause) {
        super(message, cause);
        this.tracker = tracker;
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.fieldErrors = fieldErrors == null ? Map.of() : Map.copyOf(fieldErrors);
    }

    public TrackerException(String tracker, Kind kind, String message) {
        this(tracker, kind, 0, message, null, null);
    }

    /** {@code freshdesk} or {@code jira}. */
    public String tracker() {
        return tracker;
    }

    public Kind kind() {
        return kind;
    }

    /** The last HTTP status, 0 when there was no answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Field → the tracker's message, for validation errors. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
