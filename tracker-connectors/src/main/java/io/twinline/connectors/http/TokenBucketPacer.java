package io.twinline.connectors.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Jira Data Center's per-user token bucket, mirrored client-side from the {@code X-RateLimit-*} headers
 * (capacity, remaining, fill rate, interval). Until the tracker sends them (rate limiting is off by
 * default on DC) nothing is paced. A reported {@code X-RateLimit-Remaining} only ever lowers our own
 * estimate: answers overtake each other, and ours already counts the requests still in flight.
 */
public final class TokenBucketPacer implements Pacer {

    private final Clock clock;
    private final Sleeper sleeper;
    private boolean known;
    private double tokens;
    private long capacity;
    private double perSecond;
    private Instant last;

    public TokenBucketPacer(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public synchronized Permit acquire(HttpRequest request) throws InterruptedException {
        if (!known) {
            return NO_PERMIT;
        }
        while (true) {
            Instant now = clock.instant();
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return NO_PERMIT;
            }
            long millis = (long) Math.ceil((1 - tokens) / perSecond * 1000);
            sleeper.sleep(Duration.ofMillis(Math.max(1, millis)));
        }
    }

    private void refill(Instant now) {
        double elapsed = Math.max(0, Duration.between(last, now).toMillis()) / 1000.0;
        tokens = Math.min(capacity, tokens + elapsed * perSecond);
        last = now;
    }

    @Override
    public synchronized void done(Permit permit, HttpResponse<?> response) {
        if (response == null) {
            return;
        }
        OptionalLong limit = MinuteBudgetPacer.header(response, "X-RateLimit-Limit");
        OptionalLong remaining = MinuteBudgetPacer.header(response, "X-RateLimit-Remaining");
        OptionalLong fill = MinuteBudgetPacer.header(response, "X-RateLimit-FillRate");
        OptionalLong interval = MinuteBudgetPacer.header(response, "X-RateLimit-Interval-Seconds");
        if (limit.isEmpty() || remaining.isEmpty() || fill.isEmpty() || interval.isEmpty() || interval.getAsLong() == 0) {
            return;
        }
        Instant now = clock.instant();
        capacity = limit.getAsLong();
        perSecond = (double) fill.getAsLong() / interval.getAsLong();
        if (!known) {
            known = true;
            tokens = remaining.getAsLong();
        } else {
            refill(now);
            tokens = Math.min(tokens, remaining.getAsLong());
        }
        last = now;
    }
}
