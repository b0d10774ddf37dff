package io.twinline.connectors.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Freshdesk's per-minute budgets, kept client-side as sliding 60-second windows of the credits this
 * connector spent: one for the account (the smaller of the configured budget and the
 * {@code X-RateLimit-Total} the tracker reports; a lower {@code X-RateLimit-Remaining} than our own count
 * — other clients, webhooks — is booked as foreign use) and one per endpoint bucket with a configured
 * limit (ticket create/update, tickets list, contacts list: the headers do not report those). A sliding
 * window never exceeds any fixed window.
 */
public final class MinuteBudgetPacer implements Pacer {

    // One second more than Freshdesk's minute: requests reach the server a little after we send them.
    private static final Duration WINDOW = Duration.ofSeconds(61);
    private static final int FIRST_GUESS = 50; // the smallest plan's budget, until the tracker tells us

    private record Spend(Instant at, long credits) {
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final int configuredBudget;
    private final Function<HttpRequest, String> bucketOf;
    private final Map<String, Integer> bucketBudgets;
    private final Deque<Spend> window = new ArrayDeque<>();
    private final Map<String, Deque<Instant>> bucketWindows = new HashMap<>();
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
        this.bucketBudgets = Map.copyOf(bucketBudgets);
    }

    private long limit() {
        long reported = reportedTotal > 0 ? reportedTotal : (configuredBudget > 0 ? configuredBudget : FIRST_GUESS);
        return configuredBudget > 0 ? Math.min(configuredBudget, reported) : reported;
    }

    private long used(Instant now) {
        while (!window.isEmpty() && !window.peekFirst().at().plus(WINDOW).isAfter(now)) {
            window.pollFirst();
        }
        return window.stream().mapToLong(Spend::credits).sum();
    }

    private static Deque<Instant> prune(Deque<Instant> w, Instant now) {
        while (!w.isEmpty() && !w.peekFirst().plus(WINDOW).isAfter(now)) {
            w.pollFirst();
        }
        return w;
    }

    @Override
    public synchronized void acquire(HttpRequest request) throws InterruptedException {
        String bucket = bucketOf.apply(request);
        Integer bucketLimit = bucket == null ? null : bucketBudgets.get(bucket);
        Deque<Instant> bw = bucketLimit == null ? null : bucketWindows.computeIfAbsent(bucket, b -> new ArrayDeque<>());
        while (true) {
            Instant now = clock.instant();
            boolean accountOk = used(now) + 1 <= limit();
            boolean bucketOk = bw == null || prune(bw, now).size() < bucketLimit;
            if (accountOk && bucketOk) {
                window.addLast(new Spend(now, 1));
                if (bw != null) {
                    bw.addLast(now);
                }
                return;
            }
            Instant until = now;
            if (!accountOk) {
                until = window.peekFirst().at().plus(WINDOW);
            }
            if (!bucketOk) {
                Instant b = bw.peekFirst().plus(WINDOW);
                until = b.isAfter(until) ? b : until;
            }
            Duration wait = Duration.between(now, until);
            sleeper.sleep(wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait);
        }
    }

    @Override
    public synchronized void observe(HttpResponse<?> response) {
        OptionalLong total = header(response, "X-RateLimit-Total");
        if (total.isPresent() && total.getAsLong() > 0) {
            reportedTotal = total.getAsLong();
        }
        Instant now = clock.instant();
        OptionalLong cost = header(response, "X-RateLimit-Used-CurrentRequest");
        if (cost.isPresent() && cost.getAsLong() > 1) {
            window.addLast(new Spend(now, cost.getAsLong() - 1));
        }
        OptionalLong remaining = header(response, "X-RateLimit-Remaining");
        if (remaining.isPresent()) {
            long ours = limit() - used(now);
            if (remaining.getAsLong() < ours) {
                window.addLast(new Spend(now, ours - remaining.getAsLong()));
            }
        }
    }

    static OptionalLong header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).map(String::trim).filter(v -> v.matches("\\d+"))
                .map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }
}
