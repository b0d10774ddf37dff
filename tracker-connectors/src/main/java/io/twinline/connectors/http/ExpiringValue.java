package io.twinline.connectors.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value loaded on first use and again once it is older than its lifetime (catalogues change rarely, and the
 * trackers' rate budgets are better spent on tickets). Thread-safe; one load at a time.
 */
public final class ExpiringValue<T> {

    private record Loaded<T>(T value, Instant at) {
    }

    private final Duration lifetime;
    private final Clock clock;
    private final Supplier<T> loader;
    private volatile Loaded<T> loaded;

    public ExpiringValue(Duration lifetime, Clock clock, Supplier<T> loader) {
        this.lifetime = lifetime;
        this.clock = clock;
        this.loader = loader;
    }

    public T get() {
        Loaded<T> current = loaded;
        if (stale(current)) {
            synchronized (this) {
                current = loaded;
                if (stale(current)) {
                    current = new Loaded<>(loader.get(), clock.instant());
                    loaded = current;
                }
            }
        }
        return current.value();
    }

    /** The next {@link #get()} loads afresh. */
    public void invalidate() {
        loaded = null;
    }

    private boolean stale(Loaded<T> current) {
        return current == null || current.at().plus(lifetime).isBefore(clock.instant());
    }
}
