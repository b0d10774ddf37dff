package io.twinline.connectors.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Freshdesk's per-minute budgets, kept client-side as sliding windows of the credits this connector
 * spent: one for the account (the smaller of the configured budget and the {@code X-RateLimit-Total} the
 * tracker reports; a lower {@code X-RateLimit-Remaining} than our own count — other clients, webhooks —
 * is booked as foreign use) and one per endpoint bucket with a configured limit (ticket create/update,
 * tickets list, contacts list: the headers do not report those). A request counts from the moment it is
 * let through until a window after its answer came back (the server may have counted it at any moment in
 * between), so a sliding window here never lets any of the server's fixed windows overflow.
 */
public final class MinuteBudgetPacer implements Pacer {

    // One second more than Freshdesk's minute: requests reach the server a little after we send them.
    private static final Duration WINDOW = Duration.ofSeconds(61);
    private static final Duration IN_FLIGHT_POLL = Duration.ofMillis(50);
    private static final int FIRST_GUESS = 50; // the smallest plan's budget, until the tracker tells us

    private static final class Spend implements Permit {
        Instant at;
        final long credits;
        boolean inFlight;
        final String bucket;

        Spend(Instant at, long credits, boolean inFlight, String bucket) {
            this.at = at;
            this.credits = credits;
            this.inFlight = inFlight;
            this.bucket = bucket;
        }

        boolean expired(Instant now) {
            return !inFlight && !at.plus(WINDOW).isAfter(now);
        }
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final int configuredBudget;
    private final Function<HttpRequest, String> bucketOf;
    private final Map<String, Integer> bucketBudgets;
    private final List<Spend> window = new ArrayList<>();
    private long reportedTotal;

    /** @param configuredBudget credits per minute this connector may use; 0 = whatever the tracker reports */
    public MinuteBudgetPacer(Clock clock, Sleeper sleeper, int configuredBudget) {
        this(clock, sleeper, configuredBudget, r -> null, Map.of());
    }

    /**
     * @param bucketOf      names the endpoint bucket of a request (null = none)
     * @param bucketBudgets requests per minute per bucket name
     */
    public MinuteBudgetPacer(Clock clock, Sleeper sleeper, int configuredBudget, Function<HttpRequest, String> bucketOf,
                             Map<String, Integer> bucketBudgets) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.configuredBudget = configuredBudget;
        this.bucketOf = bucketOf;
        this.bucketBudgets = Map.copyOf(new HashMap<>(bucketBudgets));
    }

    private long limit() {
        long reported = reportedTotal > 0 ? reportedTotal : (configuredBudget > 0 ? configuredBudget : FIRST_GUESS);
        return configuredBudget > 0 ? Math.min(configuredBudget, reported) : reported;
    }

    private long used(Instant now) {
        window.removeIf(s -> s.expired(now));
        return window.stream().mapToLong(s -> s.credits).sum();
    }

    private long usedIn(String bucket) {
        return window.stream().filter(s -> bucket.equals(s.bucket)).count();
    }

    /** When the oldest spend that can end (optionally of one bucket) leaves the window; null if all are in flight. */
    private Instant nextExpiry(String bucket) {
        Instant first = null;
        for (Spend s : window) {
            if (!s.inFlight && (bucket == null || bucket.equals(s.bucket))) {
                Instant end = s.at.plus(WINDOW);
                if (first == null || end.isBefore(first)) {
                    first = end;
                }
            }
        }
        return first;
    }

    @Override
    public synchronized Permit acquire(HttpRequest request) throws InterruptedException {
        String bucket = bucketOf.apply(request);
        Integer bucketLimit = bucket == null ? null : bucketBudgets.get(bucket);
        while (true) {
            Instant now = clock.instant();
            boolean accountOk = used(now) + 1 <= limit();
            boolean bucketOk = bucketLimit == null || usedIn(bucket) < bucketLimit;
            if (accountOk && bucketOk) {
                Spend s = new Spend(now, 1, true, bucketLimit == null ? null : bucket);
                window.add(s);
                return s;
            }
            Instant until = now;
            boolean onlyInFlight = false;
            if (!accountOk) {
                Instant e = nextExpiry(null);
                onlyInFlight = e == null;
                until = e == null ? until : e;
            }
            if (!bucketOk) {
                Instant e = nextExpiry(bucket);
                onlyInFlight |= e == null;
                until = e != null && e.isAfter(until) ? e : until;
            }
            Duration wait = onlyInFlight ? IN_FLIGHT_POLL : Duration.between(now, until);
            // Sleeping holds the lock on purpose: the other callers would wait for the same window anyway.
            sleeper.sleep(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait);
        }
    }

    @Override
    public synchronized void done(Permit permit, HttpResponse<?> response) {
        Instant now = clock.instant();
        if (permit instanceof Spend s) {
            // The server counted it somewhere between sending and now: keep it a full window from now.
            s.inFlight = false;
            s.at = now;
        }
        if (response == null) {
            return;
        }
        OptionalLong total = header(response, "X-RateLimit-Total");
        if (total.isPresent() && total.getAsLong() > 0) {
            reportedTotal = total.getAsLong();
        }
        OptionalLong cost = header(response, "X-RateLimit-Used-CurrentRequest");
        if (cost.isPresent() && cost.getAsLong() > 1) {
            window.add(new Spend(now, cost.getAsLong() - 1, false, null));
        }
        OptionalLong remaining = header(response, "X-RateLimit-Remaining");
        if (remaining.isPresent()) {
            long ours = limit() - used(now);
            if (remaining.getAsLong() < ours) {
                window.add(new Spend(now, ours - remaining.getAsLong(), false, null));
            }
        }
    }

    static OptionalLong header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).map(String::trim).filter(v -> v.matches("\\d+"))
                .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }
}
