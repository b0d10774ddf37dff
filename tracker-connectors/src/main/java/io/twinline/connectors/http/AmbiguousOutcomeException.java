package io.twinline.connectors.http;

import io.twinline.core.tracker.TrackerException;

/**
 * A non-idempotent request (e.g. ticket create) got no clear answer (timeout, 5xx): the tracker may or may
 * not have done it. Callers resolve it (look for the twin marker) before trying again.
 */
public final class AmbiguousOutcomeException extends TrackerException {
    public AmbiguousOutcomeException(String tracker, int status, String message, Throwable cause) {
        super(tracker, Kind.UNAVAILABLE, status, message, null, cause);
    }
}
