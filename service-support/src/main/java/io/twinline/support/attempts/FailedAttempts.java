package io.twinline.support.attempts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed credential checks per key (an address, an agent) and imposes a doubling wait once a key has used up
 * its free attempts: an attempt during the wait is refused before the credential is even looked at. Kept in memory
 * per instance on purpose: it slows guessing down by orders of magnitude, and a credential has 256 bits anyway.
 */
public class FailedAttempts {

    private record Entry(int failures, Instant lastFailure, Instant blockedUntil) {
    }

    private final FailedAttemptsConfig config;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public FailedAttempts(FailedAttemptsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Throws {@link TooManyAttemptsException} while any of the keys has to wait. */
    public void check(String... keys) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Entry entry = key == null ? null : entries.get(key);
            if (entry != null && entry.blockedUntil() != null && entry.blockedUntil().isAfter(now)) {
                Duration left = Duration.between(now, entry.blockedUntil());
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        if (!longest.isZero()) {
            throw new TooManyAttemptsException(longest);
        }
    }

    public void failed(String... keys) {
        Instant now = clock.instant();
        if (entries.size() >= config.maxTracked()) {
            forgetOld(now);
        }
        for (String key : keys) {
            if (key == null || (entries.size() >= config.maxTracked() && !entries.containsKey(key))) {
                continue;
            }
            entries.compute(key, (k, old) -> {
                int failures = old == null || forgotten(old, now) ? 1 : old.failures() + 1;
                return new Entry(failures, now, failures > config.freeAttempts() ? now.plus(delay(failures)) : null);
            });
        }
    }

    public void succeeded(String... keys) {
        for (String key : keys) {
            if (key != null) {
                entries.remove(key);
            }
        }
    }

    private Duration delay(int failures) {
        int doublings = Math.min(failures - config.freeAttempts() - 1, 30);
        Duration delay = config.firstDelay().multipliedBy(1L << doublings);
        return delay.compareTo(config.maxDelay()) > 0 ? config.maxDelay() : delay;
    }

    private boolean forgotten(Entry entry, Instant now) {
        return entry.lastFailure().plus(config.forgetAfter()).isBefore(now);
    }

    private void forgetOld(Instant now) {
        entries.entrySet().removeIf(e -> forgotten(e.getValue(), now)
                && (e.getValue().blockedUntil() == null || e.getValue().blockedUntil().isBefore(now)));
    }
}
