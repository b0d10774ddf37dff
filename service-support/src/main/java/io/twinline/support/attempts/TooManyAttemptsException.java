package io.twinline.support.attempts;

import io.twinline.support.problem.ProblemException;

import java.time.Duration;

/** Refused because of too many failed attempts: answered 429 with {@code Retry-After} (whole seconds, rounded up). */
public class TooManyAttemptsException extends ProblemException {

    private final long retryAfterSeconds;

    public TooManyAttemptsException(Duration wait) {
        super(429, "Too Many Requests", "TOO_MANY_ATTEMPTS", "too many failed attempts; try again in "
                + seconds(wait) + " s");
        this.retryAfterSeconds = seconds(wait);
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
