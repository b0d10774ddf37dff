package io.twinline.connectors.http;

import java.net.http.HttpResponse;
import java.util.Map;

/** Tracker-specific reading of error answers. */
public interface ErrorReader {

    /** What the tracker said: a message and field errors, from whatever body shape it uses. */
    record TrackerError(String message, Map<String, String> fieldErrors) {
    }

    TrackerError read(HttpResponse<byte[]> response);

    /** True when retrying would make things worse (Jira's CAPTCHA lock-out). */
    default boolean isLockout(HttpResponse<byte[]> response) {
        return false;
    }
}
