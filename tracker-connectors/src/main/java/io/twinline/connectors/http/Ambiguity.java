package io.twinline.connectors.http;

import io.twinline.core.tracker.TrackerException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Repeats a non-idempotent call (create, add comment) safely: when its outcome is unknown, first look
 * whether the tracker did it after all, and send it again only when it did not.
 */
public final class Ambiguity {

    private Ambiguity() {
    }

    public static <T> T resolve(String tracker, RetryPolicy policy, Sleeper sleeper, Supplier<T> attempt,
                                Supplier<Optional<T>> lookup) {
        for (int n = 1; ; n++) {
            try {
                return attempt.get();
            } catch (AmbiguousOutcomeException e) {
                Optional<T> done = lookup.get();
                if (done.isPresent()) {
                    return done.get();
                }
                if (n >= policy.maxAttempts()) {
                    throw e;
                }
                try {
                    sleeper.sleep(policy.backoff(n));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new TrackerException(tracker, TrackerException.Kind.UNAVAILABLE, 0,
                            tracker + ": interrupted while waiting to repeat a call", null, ie);
                }
            }
        }
    }
}
