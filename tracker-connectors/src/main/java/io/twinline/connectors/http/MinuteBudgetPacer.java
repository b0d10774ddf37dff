package io.twinline.connectors.http;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * Freshdesk's per-minute account budget, kept client-side as a sliding 60-second window of the credits
 * this connector spent. The allowance is the smaller of the configured budget and the
 * {@code X-RateLimit-Total} the tracker reports; a lower {@code X-RateLimit-Remaining} than our own
 * count (other clients, webhooks) is booked as foreign use. A sliding window never exceeds any fixed window.
 */
public final class MinuteBudgetPacer implements Pacer {

    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final int FIRST_GUESS = 50; // the smallest plan's budget, until the tracker tells us

    private record Spend(Instant at, long credits) {
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final int configuredBudget;
    private final Deque<Spend> window = new ArrayDeque<>();
    private long reportedTotal;

    /** @param configuredBudget credits per minute this connector may use; 0 = whatever the tracker reports */
    public MinuteBudgetPacer(Clock clock, Sleeper sleeper, int configuredBudget) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.configuredBudget = configuredBudget;
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

    @Override
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            Instant now = clock.instant();
            if (used(now) + 1 <= limit()) {
                window.addLast(new Spend(now, 1));
                return;
            }
            Duration wait = Duration.between(now, window.peekFirst().at().plus(WINDOW));
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
