package io.twinline.connectors.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How hard to try: attempts per call, exponential back-off with jitter for 5xx and network failures,
 * the longest {@code Retry-After} worth waiting for, and the per-request timeout.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                          Duration requestTimeout) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    public RetryPolicy withMaxAttempts(int n) {
        return new RetryPolicy(n, initialBackoff, maxBackoff, maxRetryAfter, requestTimeout);
    }

    public RetryPolicy withRequestTimeout(Duration d) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, d);
    }

    /** Back-off before retry number {@code retry} (1 = first retry): doubling, capped, with "equal jitter". */
    public Duration backoff(int retry) {
        long base = initialBackoff.toMillis() << Math.min(20, retry - 1);
        long capped = Math.min(base, maxBackoff.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1)));
    }
}
